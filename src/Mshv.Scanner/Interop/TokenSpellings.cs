using System;
using System.Collections.Generic;
using System.Text;

namespace Mshv.Scanner.Interop;

/// <summary>
/// One string for each distinct token spelling of a translation unit: macro bodies repeat the same few punctuators and
/// names (<c>(</c>, <c>&lt;&lt;</c>, <c>_IOW</c>, <c>__u32</c>) thousands of times, and a new string for each costs more
/// than finding the one already made. Spellings are UTF-8 as clang gives them, decoded as
/// <see cref="System.Runtime.InteropServices.Marshal.PtrToStringUTF8(nint)"/> would.
/// </summary>
internal sealed class TokenSpellings
{
    /// <summary>Longer spellings (string literals, mostly) are rare and seldom repeated: they get a string of their own.</summary>
    private const int MaxShared = 128;

    /// <summary>Spellings of one ASCII byte (<c>(</c>, <c>,</c>, <c>1</c>), the most common, by the byte: no hashing.</summary>
    private readonly string?[] _oneByte = new string?[128];

    /// <summary>Spellings of two ASCII bytes (<c>&lt;&lt;</c>, <c>12</c>), by the two bytes: a small table, no string hashing.</summary>
    private readonly Dictionary<int, string> _twoBytes = new();

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TokenSpellings() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many distinct spellings are shared so far.</summary>
    public int Count => _strings.Count + _twoBytes.Count + System.Linq.Enumerable.Count(_oneByte, s => s is not null);

    /// <summary>The string of <paramref name="utf8"/>: the same instance every time for the same spelling.</summary>
    public string Of(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 1 && utf8[0] < 128)
        {
            return _oneByte[utf8[0]] ??= ((char)utf8[0]).ToString();
        }

        if (utf8.Length == 2 && utf8[0] < 128 && utf8[1] < 128)
        {
            int key = utf8[0] | (utf8[1] << 8);
            if (!_twoBytes.TryGetValue(key, out string? pair))
            {
                pair = string.Create(2, key, static (chars, key) => (chars[0], chars[1]) = ((char)(key & 0xff), (char)(key >> 8)));
                _twoBytes.Add(key, pair);
            }

            return pair;
        }

        if (utf8.Length > MaxShared)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxShared];
        int length = Encoding.UTF8.GetChars(utf8, chars);
        ReadOnlySpan<char> spelling = chars[..length];
        if (!_lookup.TryGetValue(spelling, out string? text))
        {
            text = new string(spelling);
            _strings.Add(text, text);
        }

        return text;
    }
}
