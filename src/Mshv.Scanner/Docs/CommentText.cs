using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Mshv.Abi;

namespace Mshv.Scanner.Docs;

/// <summary>
/// A comment's words without its markers: <c>/*</c>, <c>/**</c>, <c>*/</c>, <c>//</c>, the <c> * </c> that starts each
/// line of a block, and lines that are only decoration (<c>*****</c>). Everything else is the kernel's text, verbatim.
/// </summary>
internal static partial class CommentText
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
                line = Decoration().IsMatch(line) ? string.Empty : line.Substring(1);
            }

            line = line.Trim();
            lines.Add(Decoration().IsMatch(line) ? string.Empty : line);
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

    [GeneratedRegex(@"^[*=#~-]{3,}$|^\*+$")]
    private static partial Regex Decoration();
}
