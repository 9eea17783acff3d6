using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Scanner.Docs;

/// <summary>
/// A comment's words without its markers: <c>/*</c>, <c>/**</c>, <c>*/</c>, <c>//</c>, the <c> * </c> that starts each
/// line of a block, and lines that are only decoration (<c>*****</c>). Everything else is the kernel's text, verbatim.
/// </summary>
internal static class CommentText
{
    /// <summary>The comment's lines, trimmed, markers removed; an empty string stands for a blank line.</summary>
    public static List<string> Lines(string comment)
    {
        string body = comment;
        if (body.StartsWith("/*", System.StringComparison.Ordinal))
        {
            body = body.Substring(2);
            body = body.EndsWith("*/", System.StringComparison.Ordinal) ? body.Substring(0, body.Length - 2) : body;
        }

        var lines = new List<string>();
        foreach (string raw in body.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith("//", System.StringComparison.Ordinal))
            {
                line = line.TrimStart('/');
            }
            else if (line.StartsWith("*", System.StringComparison.Ordinal))
            {
                // " * text" and the "*" of "/**"; a line of only stars (or dashes, equals) is a rule, not words.
                line = IsDecoration(line) ? string.Empty : line.Substring(1);
            }

            line = line.Trim();
            lines.Add(IsDecoration(line) ? string.Empty : line);
        }

        return lines;
    }

    /// <summary>Lines as the model's paragraphs: a blank line separates paragraphs; the lines of one are joined by a space.</summary>
    public static string? Paragraphs(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (string line in lines.Append(string.Empty))
        {
            if (line.Length > 0)
            {
                current.Add(line);
            }
            else if (current.Count > 0)
            {
                paragraphs.Add(string.Join(" ", current));
                current.Clear();
            }
        }

        return AbiDoc.Normalize(string.Join("\n", paragraphs));
    }

    /// <summary>The whole comment as the model's paragraphs.</summary>
    public static string? Of(string comment) => Paragraphs(Lines(comment));

    /// <summary>A rule: only stars, or three or more of <c>*=#~-</c> (what <c>^[*=#~-]{3,}$|^\*+$</c> matches), tested without a regex per line.</summary>
    private static bool IsDecoration(string line)
    {
        bool stars = line.Length > 0;
        bool rule = line.Length >= 3;
        foreach (char c in line)
        {
            stars &= c == '*';
            rule &= c is '*' or '=' or '#' or '~' or '-';
        }

        return stars || rule;
    }
}
