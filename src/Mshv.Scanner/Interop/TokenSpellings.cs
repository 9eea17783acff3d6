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

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TokenSpellings() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many distinct spellings are shared so far.</summary>
    public int Count => _strings.Count;

    /// <summary>The string of <paramref name="utf8"/>: the same instance every time for the same spelling.</summary>
    public string Of(ReadOnlySpan<byte> utf8)
    {
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
