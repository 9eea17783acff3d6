using System;
using System.Collections.Generic;
using System.Text;

namespace Mshv.Scanner.Evaluation;

/// <summary>
/// Every name after an <c>#undef</c> in the files a unit read. clang's preprocessing record keeps definitions, not
/// <c>#undef</c>s, so a macro undefined at the end of the unit (where the probe would find no macro) looks defined
/// there. Inactive <c>#if</c> branches and comments are counted too: a name too many only sends its macro to the probe.
/// </summary>
internal static class UndefinedNames
{
    public static HashSet<string> In(TranslationUnit unit, IEnumerable<string> files)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in files)
        {
            Collect(unit.Contents(path), names);
        }

        return names;
    }

    /// <summary>
    /// Any "undef" followed by a name counts, with or without its '#': what a comment between them hides is still seen.
    /// As C reads it: line splices (backslash-newline) are removed first (<c>#un\⏎def X</c>), and comments between the
    /// directive and the name are skipped (<c>#undef /* why */ X</c>).
    /// </summary>
    public static void Collect(ReadOnlySpan<byte> text, HashSet<string> names)
    {
        if (text.IndexOf("\\\n"u8) >= 0 || text.IndexOf("\\\r\n"u8) >= 0)
        {
            text = WithoutSplices(text);
        }

        ReadOnlySpan<byte> undef = "undef"u8;
        int at = 0;
        while (true)
        {
            int found = text.Slice(at).IndexOf(undef);
            if (found < 0)
            {
                return;
            }

            int start = at + found;
            at = start + undef.Length;
            int i = SkipBlanksAndComments(text, at);

            int nameStart = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit((char)text[i]) || text[i] is (byte)'_' or (byte)'$' || text[i] >= 0x80))
            {
                i++;
            }

            if (i > nameStart)
            {
                names.Add(Encoding.UTF8.GetString(text.Slice(nameStart, i - nameStart)));
            }
        }
    }

    private static int SkipBlanksAndComments(ReadOnlySpan<byte> text, int i)
    {
        while (i < text.Length)
        {
            if (text[i] is (byte)' ' or (byte)'\t')
            {
                i++;
            }
            else if (i + 1 < text.Length && text[i] == (byte)'/' && text[i + 1] == (byte)'*')
            {
                int end = text.Slice(i + 2).IndexOf("*/"u8);
                i = end < 0 ? text.Length : i + 2 + end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static byte[] WithoutSplices(ReadOnlySpan<byte> text)
    {
        var joined = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == (byte)'\\' && i + 1 < text.Length && text[i + 1] == (byte)'\n')
            {
                i++;
                continue;
            }

            if (text[i] == (byte)'\\' && i + 2 < text.Length && text[i + 1] == (byte)'\r' && text[i + 2] == (byte)'\n')
            {
                i += 2;
                continue;
            }

            joined.Add(text[i]);
        }

        return joined.ToArray();
    }
}
