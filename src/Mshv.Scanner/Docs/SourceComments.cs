using System.Collections.Generic;
using System.Text;

namespace Mshv.Scanner.Docs;

/// <summary>A comment of a header: byte offsets as clang counts them, and whether code shares its first or last line.</summary>
internal sealed record SourceComment(int Start, int End, int StartLine, int EndLine, bool OwnLine, bool KernelDoc, string Text);

/// <summary>
/// The comments of one header, from the bytes clang parsed, in one linear pass that skips string and character literals.
/// Consecutive <c>//</c> comments on lines of their own are one comment, as a reader sees them.
/// </summary>
internal sealed class SourceComments
{
    private readonly byte[] _text;
    private readonly List<SourceComment> _comments = new();
    private readonly Dictionary<int, SourceComment> _byEndLine = new();
    private readonly Dictionary<int, List<SourceComment>> _byStartLine = new();

    private SourceComments(byte[] text)
    {
        _text = text;
        Lex();
        foreach (SourceComment comment in _comments)
        {
            _byEndLine[comment.EndLine] = comment;
            if (!_byStartLine.TryGetValue(comment.StartLine, out List<SourceComment>? starting))
            {
                starting = new List<SourceComment>(1);
                _byStartLine[comment.StartLine] = starting;
            }

            starting.Add(comment);
        }
    }

    public static SourceComments Of(byte[] text) => new(text);

    public IReadOnlyList<SourceComment> All => _comments;

    /// <summary>
    /// The comment on lines of its own that ends on the line right above <paramref name="line"/> (no blank line between),
    /// or null.
    /// </summary>
    public SourceComment? Above(int line) =>
        _byEndLine.TryGetValue(line - 1, out SourceComment? comment) && comment.OwnLine && OnlyBlanksToLineEnd(comment.End) ? comment : null;

    /// <summary>
    /// The comment that follows a declaration ending at byte <paramref name="end"/> on the same line, with nothing but
    /// blanks, <c>;</c> and <c>,</c> between (<c>__u32 len; /* bytes */</c>), or null.
    /// </summary>
    public SourceComment? After(int end, int line)
    {
        if (!_byStartLine.TryGetValue(line, out List<SourceComment>? starting))
        {
            return null;
        }

        // Two comments may start on a line (`/* in */ __u32 a; /* bytes */`); the first one after the declaration is the one.
        SourceComment? comment = starting.Find(c => c.Start >= end);
        if (comment is null)
        {
            return null;
        }

        for (int i = end; i < comment.Start; i++)
        {
            if (_text[i] is not ((byte)' ' or (byte)'\t' or (byte)';' or (byte)','))
            {
                return null;
            }
        }

        return comment;
    }

    private bool OnlyBlanksToLineEnd(int offset)
    {
        for (int i = offset; i < _text.Length && _text[i] != '\n'; i++)
        {
            if (_text[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private void Lex()
    {
        byte[] t = _text;
        int line = 1;
        bool codeOnLine = false;
        SourceComment? lineRun = null;
        for (int i = 0; i < t.Length;)
        {
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
                i += 2;
                while (i < t.Length && !(t[i] == '*' && i + 1 < t.Length && t[i + 1] == '/'))
                {
                    if (t[i] == '\n')
                    {
                        line++;
                        codeOnLine = false;
                    }

                    i++;
                }

                i = System.Math.Min(i + 2, t.Length);
                bool kernelDoc = i - start > 4 && t[start + 2] == '*' && t[start + 3] != '*' && t[start + 3] != '/';
                _comments.Add(new SourceComment(start, i, startLine, line, own, kernelDoc, Decode(start, i)));
                lineRun = null;
            }
            else if (c == '/' && i + 1 < t.Length && t[i + 1] == '/')
            {
                int start = i;
                while (i < t.Length && t[i] != '\n')
                {
                    i++;
                }

                string text = Decode(start, i);
                if (!codeOnLine && lineRun is not null && lineRun.EndLine == line - 1 && lineRun.OwnLine)
                {
                    // A run of // lines is one comment.
                    _comments[_comments.Count - 1] = lineRun = lineRun with { End = i, EndLine = line, Text = lineRun.Text + "\n" + text };
                }
                else
                {
                    lineRun = new SourceComment(start, i, line, line, !codeOnLine, false, text);
                    _comments.Add(lineRun);
                }
            }
            else if (c is (byte)'"' or (byte)'\'')
            {
                codeOnLine = true;
                i++;
                while (i < t.Length && t[i] != c && t[i] != '\n')
                {
                    i += t[i] == '\\' ? 2 : 1;
                }

                i++;
            }
            else
            {
                if (c is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    codeOnLine = true;
                }

                i++;
            }
        }
    }

    private string Decode(int start, int end) => Encoding.UTF8.GetString(_text, start, System.Math.Min(end, _text.Length) - start);
}
