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

    /// <summary>Any "undef" followed by a name counts, with or without its '#': what a comment between them hides is still seen.</summary>
    public static void Collect(ReadOnlySpan<byte> text, HashSet<string> names)
    {
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
            int i = at;
            while (i < text.Length && text[i] is (byte)' ' or (byte)'\t')
            {
                i++;
            }

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
}
