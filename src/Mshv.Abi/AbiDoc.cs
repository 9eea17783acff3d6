using System.Collections.Generic;
using System.Text;

namespace Mshv.Abi;

/// <summary>
/// The kernel's own documentation of a declaration (kernel-doc text, a comment right above it, a trailing comment on
/// its line), as the model carries it in <c>doc="…"</c>: one paragraph a line, each paragraph's words separated by one
/// space, no control character but the line break. Docs never describe the ABI: abi-diff does not compare them.
/// </summary>
public static class AbiDoc
{
    /// <summary>
    /// The canonical form of <paramref name="text"/>: every control or line-separator character but <c>\n</c> becomes a
    /// space, each line's runs of white space one space, lines trimmed, empty lines dropped. Null when nothing is left.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (IsCanonical(text))
        {
            // Most docs arrive canonical (the scanner builds them so, and joins them again): no copy.
            return text;
        }

        var lines = new List<string>();
        foreach (string raw in text.Split('\n'))
        {
            var line = new StringBuilder(raw.Length);
            bool space = false;
            foreach (char c in raw)
            {
                if (IsBlank(c))
                {
                    space = line.Length > 0;
                    continue;
                }

                if (space)
                {
                    line.Append(' ');
                    space = false;
                }

                line.Append(c);
            }

            if (line.Length > 0)
            {
                lines.Add(line.ToString());
            }
        }

        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    /// <summary>
    /// Whether <paramref name="text"/> is what <see cref="Normalize"/> makes of it (the reader accepts no other form): not
    /// empty, no blank but single spaces between words and single line breaks between lines, none at either end.
    /// </summary>
    public static bool IsCanonical(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        char previous = '\n';
        foreach (char c in text)
        {
            if (c is ' ' or '\n')
            {
                if (previous is ' ' or '\n')
                {
                    return false;
                }
            }
            else if (c <= ' ' || (c >= '\u007f' && IsBlank(c)))
            {
                return false;
            }

            previous = c;
        }

        return previous is not (' ' or '\n');
    }

    /// <summary>Two documentation parts as paragraphs (<see cref="Join(string?[])"/> without its lists): the common case.</summary>
    public static string? Join(string? first, string? second)
    {
        first = Normalize(first);
        second = Normalize(second);
        if (first is null || second is null || first == second)
        {
            return first ?? second;
        }

        return first + "\n" + second;
    }

    /// <summary>Joins documentation parts as paragraphs, skipping empty parts and repeats; null when none is left.</summary>
    public static string? Join(params string?[] parts)
    {
        var kept = new List<string>();
        foreach (string? part in parts)
        {
            if (Normalize(part) is string normal && !kept.Contains(normal))
            {
                kept.Add(normal);
            }
        }

        return kept.Count == 0 ? null : string.Join("\n", kept);
    }

    private static bool IsBlank(char c) => c is ' ' or '\u0085' or '\u2028' or '\u2029' || char.IsControl(c) || char.IsWhiteSpace(c);
}
