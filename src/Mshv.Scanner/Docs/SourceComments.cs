using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;

namespace Mshv.Scanner.Docs;

/// <summary>
/// A comment of a header: byte offsets as clang counts them, and whether code shares its first or last line. A run of
/// <c>//</c> lines spans from the first <c>//</c> to the end of the last line.
/// </summary>
internal readonly record struct SourceComment(int Start, int End, int StartLine, int EndLine, bool OwnLine, bool KernelDoc, int Index);

/// <summary>
/// The comments of one header, from the bytes clang parsed, in one linear pass that skips string and character literals.
/// Consecutive <c>//</c> comments on lines of their own are one comment, as a reader sees them.
/// <para>
/// The bytes are clang's own buffer (<c>clang_getFileContents</c>), valid while the translation unit lives, read in
/// place: a comment's words are decoded only when a declaration asks for them, and most comments are never asked for.
/// </para>
/// </summary>
internal sealed unsafe class SourceComments
{
    /// <summary>What the lexer stops at; everything between is code or blanks, told apart without a loop per byte.</summary>
    private static readonly SearchValues<byte> Stops = SearchValues.Create("\n/\"'"u8);

    private readonly byte* _bytes;
    private readonly int _length;
    private readonly List<SourceComment> _comments = new();

    private SourceComments(byte* bytes, int length)
    {
        _bytes = bytes;
        _length = length;
        Lex();
    }

    /// <summary>The comments of <paramref name="length"/> bytes at <paramref name="bytes"/>, which must outlive the result.</summary>
    public static SourceComments Of(byte* bytes, int length) => new(bytes, length);

    public int Count => _comments.Count;

    public IReadOnlyList<SourceComment> All => _comments;

    /// <summary>The bytes of <paramref name="comment"/>: from <c>/*</c> or the first <c>//</c> to its end.</summary>
    public ReadOnlySpan<byte> Bytes(SourceComment comment) => Span.Slice(comment.Start, comment.End - comment.Start);

    /// <summary>
    /// The comment as text: a block comment verbatim; a run of <c>//</c> lines as its lines joined by line breaks, without
    /// the blanks that indent the second and later lines.
    /// </summary>
    public string Text(SourceComment comment)
    {
        ReadOnlySpan<byte> bytes = Bytes(comment);
        if (comment.StartLine == comment.EndLine || bytes.StartsWith("/*"u8))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        var text = new StringBuilder(bytes.Length);
        foreach (Range line in bytes.Split((byte)'\n'))
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(Encoding.UTF8.GetString(bytes[line].TrimStart(" \t\r"u8)));
        }

        return text.ToString();
    }

    /// <summary>
    /// The comment on lines of its own that ends on the line right above <paramref name="line"/> (no blank line between),
    /// or null.
    /// </summary>
    public SourceComment? Above(int line)
    {
        // The last comment that ends on line - 1: comments are in file order, so their end lines never decrease.
        int lo = 0, hi = _comments.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_comments[mid].EndLine <= line - 1)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (found < 0)
        {
            return null;
        }

        SourceComment comment = _comments[found];
        return comment.EndLine == line - 1 && comment.OwnLine && OnlyBlanksToLineEnd(comment.End) ? comment : null;
    }

    /// <summary>
    /// The comment that follows a declaration ending at byte <paramref name="end"/> on the same line, with nothing but
    /// blanks, <c>;</c> and <c>,</c> between (<c>__u32 len; /* bytes */</c>), or null.
    /// </summary>
    public SourceComment? After(int end, int line)
    {
        // Two comments may start on a line (`/* in */ __u32 a; /* bytes */`); the first one after the declaration is the one.
        int lo = 0, hi = _comments.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_comments[mid].Start >= end)
            {
                found = mid;
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        if (found < 0 || _comments[found].StartLine != line)
        {
            return null;
        }

        SourceComment comment = _comments[found];
        return Span[end..comment.Start].IndexOfAnyExcept(" \t;,"u8) < 0 ? comment : null;
    }

    private ReadOnlySpan<byte> Span => new(_bytes, _length);

    private bool OnlyBlanksToLineEnd(int offset)
    {
        ReadOnlySpan<byte> rest = Span[offset..];
        int lineEnd = rest.IndexOf((byte)'\n');
        return (lineEnd < 0 ? rest : rest[..lineEnd]).IndexOfAnyExcept(" \t\r"u8) < 0;
    }

    private void Lex()
    {
        ReadOnlySpan<byte> t = Span;
        int line = 1;
        bool codeOnLine = false;
        int run = -1;
        int i = 0;
        while (i < t.Length)
        {
            int next = t[i..].IndexOfAny(Stops);
            int stop = next < 0 ? t.Length : i + next;
            // What lies between is neither a comment nor a line break: code unless it is only blanks.
            codeOnLine |= t[i..stop].IndexOfAnyExcept(" \t\r"u8) >= 0;
            i = stop;
            if (i >= t.Length)
            {
                break;
            }

            byte c = t[i];
            if (c == '\n')
            {
                line++;
                i++;
                codeOnLine = false;
            }
            else if (c == '/' && i + 1 < t.Length && t[i + 1] == '*')
            {
                int start = i, startLine = line;
                bool own = !codeOnLine;
                int close = t[(i + 2)..].IndexOf("*/"u8);
                int bodyEnd = close < 0 ? t.Length : i + 2 + close;
                int breaks = t[(i + 2)..bodyEnd].Count((byte)'\n');
                if (breaks > 0)
                {
                    line += breaks;
                    codeOnLine = false;
                }

                i = Math.Min(bodyEnd + 2, t.Length);
                bool kernelDoc = i - start > 4 && t[start + 2] == '*' && t[start + 3] != '*' && t[start + 3] != '/';
                _comments.Add(new SourceComment(start, i, startLine, line, own, kernelDoc, _comments.Count));
                run = -1;
            }
            else if (c == '/' && i + 1 < t.Length && t[i + 1] == '/')
            {
                int start = i;
                int lineEnd = t[i..].IndexOf((byte)'\n');
                i = lineEnd < 0 ? t.Length : i + lineEnd;
                if (!codeOnLine && run >= 0 && _comments[run].EndLine == line - 1 && _comments[run].OwnLine)
                {
                    // A run of // lines is one comment.
                    _comments[run] = _comments[run] with { End = i, EndLine = line };
                }
                else
                {
                    run = _comments.Count;
                    _comments.Add(new SourceComment(start, i, line, line, !codeOnLine, false, run));
                }
            }
            else if (c is (byte)'"' or (byte)'\'')
            {
                codeOnLine = true;
                i++;
                while (i < t.Length && t[i] != c && t[i] != '\n')
                {
                    // A backslash-newline continues the literal on the next line, which still counts as a line.
                    line += t[i] == '\\' && i + 1 < t.Length && t[i + 1] == '\n' ? 1 : 0;
                    i += t[i] == '\\' ? 2 : 1;
                }

                // Past the closing quote; an unclosed one (`#error don't`) ends at its line break, left for the loop to count.
                i += i < t.Length && t[i] == c ? 1 : 0;
            }
            else
            {
                // A '/' that starts no comment is code.
                codeOnLine = true;
                i++;
            }
        }
    }
}
