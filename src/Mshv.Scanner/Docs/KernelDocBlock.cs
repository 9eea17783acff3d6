using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Mshv.Scanner.Docs;

/// <summary>
/// A kernel-doc comment (<c>/**</c>, Documentation/doc-guide/kernel-doc.rst): the header line
/// (<c>struct mshv_user_mem_region - arguments for MSHV_SET_GUEST_MEMORY</c>), one <c>@member: text</c> section per
/// member (continued on the following lines up to a blank line or the next <c>@</c>), and the description.
/// </summary>
internal sealed partial class KernelDocBlock
{
    private readonly Dictionary<string, string> _members = new(StringComparer.Ordinal);

    private KernelDocBlock(string? description) => Description = description;

    /// <summary>The brief after the header's name, then the description's paragraphs; null when there is neither.</summary>
    public string? Description { get; }

    /// <summary>The text of <c>@name:</c> (<c>@io.port:</c> for a member of a nested member), or null.</summary>
    public string? Member(string name) => _members.TryGetValue(name, out string? text) ? text : null;

    public static KernelDocBlock Parse(string comment, string declarationName)
    {
        var description = new List<string>();
        var members = new List<(string Name, List<string> Lines)>();
        List<string>? member = null;
        bool first = true;
        foreach (string line in CommentText.Lines(comment))
        {
            if (first && line.Length > 0)
            {
                first = false;
                description.Add(WithoutHeader(line, declarationName));
                continue;
            }

            Match section = MemberLine().Match(line);
            if (section.Success)
            {
                member = new List<string> { section.Groups[2].Value };
                members.Add((section.Groups[1].Value, member));
            }
            else if (member is not null && line.Length > 0)
            {
                member.Add(line);
            }
            else
            {
                member = null;
                description.Add(line);
            }
        }

        var block = new KernelDocBlock(CommentText.Paragraphs(description));
        foreach ((string name, List<string> lines) in members)
        {
            if (CommentText.Paragraphs(lines) is string text)
            {
                block._members.TryAdd(name, text);
            }
        }

        return block;
    }

    /// <summary>
    /// A comment that documents <paramref name="declarationName"/> itself at its start (<c>@len: bytes</c> above the
    /// member <c>len</c>) loses that label; other text is kept.
    /// </summary>
    public static string WithoutMemberLabel(string text, string declarationName) =>
        text.StartsWith("@" + declarationName + ":", StringComparison.Ordinal) ? text.Substring(declarationName.Length + 2).TrimStart() : text;

    /// <summary><c>struct foo - brief</c> → <c>brief</c>; <c>KVM_RUN - brief</c> → <c>brief</c>; other first lines stay.</summary>
    private static string WithoutHeader(string line, string declarationName)
    {
        Match header = Header().Match(line);
        return header.Success && header.Groups[1].Value == declarationName ? line.Substring(header.Length) : line;
    }

    [GeneratedRegex(@"^(?:(?:struct|union|enum|typedef)\s+)?([A-Za-z_][A-Za-z0-9_]*)(?:\(\))?\s*(?:-+\s*|$)")]
    private static partial Regex Header();

    [GeneratedRegex(@"^@([A-Za-z_][A-Za-z0-9_.]*)(?:\[\])?\s*:\s*(.*)$")]
    private static partial Regex MemberLine();
}
