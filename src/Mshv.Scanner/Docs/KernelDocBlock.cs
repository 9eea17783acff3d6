using System;
using System.Buffers;
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

    private static readonly string[] Keywords = { "struct", "union", "enum", "typedef" };

    private KernelDocBlock(string? description) => Description = description;

    /// <summary>The brief after the header's name, then the description's paragraphs; null when there is neither.</summary>
    public string? Description { get; }

    /// <summary>The text of <c>@name:</c> (<c>@io.port:</c> for a member of a nested member), or null.</summary>
    public string? Member(string name) => _members.TryGetValue(name, out string? text) ? text : null;

    /// <summary>
    /// The block in <paramref name="comment"/>'s bytes: for ASCII, read in place as <see cref="Parse(string, string)"/>
    /// reads the text (no string per line, no regular expression); other comments are decoded and read as text.
    /// </summary>
    public static KernelDocBlock Parse(ReadOnlySpan<byte> comment, Func<string> decode, string declarationName)
    {
        if (!System.Text.Ascii.IsValid(comment))
        {
            return Parse(decode(), declarationName);
        }

        ReadOnlySpan<byte> body = CommentWords.Body(comment);
        char[] descriptionBuffer = ArrayPool<char>.Shared.Rent(body.Length);
        char[] memberBuffer = ArrayPool<char>.Shared.Rent(body.Length);
        var description = new WordWriter(descriptionBuffer);
        var member = new WordWriter(memberBuffer);
        var members = new List<(string Name, string? Text)>();
        string? memberName = null;
        bool first = true;
        foreach (Range range in body.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = CommentWords.Line(body[range]);
            if (first && line.Length > 0)
            {
                first = false;
                description.Line(WithoutHeader(line, declarationName));
                continue;
            }

            if (MemberLine(line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> text))
            {
                if (memberName is not null)
                {
                    members.Add((memberName, member.Take()));
                }

                memberName = System.Text.Encoding.ASCII.GetString(name);
                member.Line(text);
            }
            else if (memberName is not null && line.Length > 0)
            {
                member.Line(line);
            }
            else
            {
                if (memberName is not null)
                {
                    members.Add((memberName, member.Take()));
                    memberName = null;
                }

                description.Line(line);
            }
        }

        if (memberName is not null)
        {
            members.Add((memberName, member.Take()));
        }

        var block = new KernelDocBlock(description.Take());
        ArrayPool<char>.Shared.Return(descriptionBuffer);
        ArrayPool<char>.Shared.Return(memberBuffer);
        foreach ((string name, string? text) in members)
        {
            if (text is not null)
            {
                block._members.TryAdd(name, text);
            }
        }

        return block;
    }

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

    /// <summary><see cref="WithoutHeader(string, string)"/> of an ASCII line: <see cref="Header"/> matched by hand.</summary>
    private static ReadOnlySpan<byte> WithoutHeader(ReadOnlySpan<byte> line, string declarationName)
    {
        // As the expression does: the name after a keyword first; without a match there, the line's first word.
        int keyword = KeywordLength(line);
        Range name = default;
        int end = keyword > 0 ? HeaderEnd(line, keyword, out name) : -1;
        if (end < 0)
        {
            end = HeaderEnd(line, 0, out name);
        }

        return end >= 0 && System.Text.Ascii.Equals(line[name], declarationName) ? line[end..] : line;
    }

    /// <summary>The length of <c>(struct|union|enum|typedef)\s+</c> at the line's start, or 0.</summary>
    private static int KeywordLength(ReadOnlySpan<byte> line)
    {
        foreach (string keyword in Keywords)
        {
            if (line.Length > keyword.Length && System.Text.Ascii.Equals(line[..keyword.Length], keyword) && IsSpace(line[keyword.Length]))
            {
                return SkipSpaces(line, keyword.Length);
            }
        }

        return 0;
    }

    /// <summary>Where <c>([A-Za-z_][A-Za-z0-9_]*)(?:\(\))?\s*(?:-+\s*|$)</c> matched from <paramref name="start"/> ends, or -1.</summary>
    private static int HeaderEnd(ReadOnlySpan<byte> line, int start, out Range name)
    {
        name = default;
        int i = start;
        if (i >= line.Length || !IsWordStart(line[i]))
        {
            return -1;
        }

        while (i < line.Length && IsWord(line[i]))
        {
            i++;
        }

        name = start..i;
        i += line[i..].StartsWith("()"u8) ? 2 : 0;
        i = SkipSpaces(line, i);
        if (i == line.Length)
        {
            return i;
        }

        if (line[i] != '-')
        {
            return -1;
        }

        while (i < line.Length && line[i] == '-')
        {
            i++;
        }

        return SkipSpaces(line, i);
    }

    /// <summary><see cref="MemberLine()"/> of an ASCII line, by hand: <c>@name:</c> (or <c>@name[]:</c>) and its text.</summary>
    private static bool MemberLine(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> text)
    {
        name = text = default;
        if (line.Length < 2 || line[0] != '@' || !IsWordStart(line[1]))
        {
            return false;
        }

        int i = 2;
        while (i < line.Length && (IsWord(line[i]) || line[i] == '.'))
        {
            i++;
        }

        name = line[1..i];
        i += line[i..].StartsWith("[]"u8) ? 2 : 0;
        i = SkipSpaces(line, i);
        if (i == line.Length || line[i] != ':')
        {
            return false;
        }

        text = line[SkipSpaces(line, i + 1)..];
        return true;
    }

    private static int SkipSpaces(ReadOnlySpan<byte> line, int i)
    {
        while (i < line.Length && IsSpace(line[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>What <c>\s</c> matches in ASCII.</summary>
    private static bool IsSpace(byte c) => c is (byte)' ' or >= (byte)'\t' and <= (byte)'\r';

    private static bool IsWordStart(byte c) => c is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (byte)'_';

    private static bool IsWord(byte c) => IsWordStart(c) || c is >= (byte)'0' and <= (byte)'9';

    [GeneratedRegex(@"^(?:(?:struct|union|enum|typedef)\s+)?([A-Za-z_][A-Za-z0-9_]*)(?:\(\))?\s*(?:-+\s*|$)")]
    private static partial Regex Header();

    [GeneratedRegex(@"^@([A-Za-z_][A-Za-z0-9_.]*)(?:\[\])?\s*:\s*(.*)$")]
    private static partial Regex MemberLine();
}
