using System;
using System.Text;

namespace Mshv.Generator.Helpers;

/// <summary>
/// Builds emitted source line by line with four-space indentation and '\n' endings, so that output is
/// byte-identical on every platform (baselines compare it verbatim).
/// </summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>
    /// Writes one line. An empty line separates top-level declarations only: inside a type it is not written, so members
    /// follow each other (blank lines were a tenth of the lines the compiler read for a big header).
    /// </summary>
    public IndentedWriter Line(string line = "")
    {
        if (line.Length == 0 && _depth > 0)
        {
            return this;
        }

        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    public IndentedWriter Open(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return this;
    }

    public IndentedWriter Close(string suffix = "")
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException("Close without a matching Open.");
        }

        _depth--;
        return Line("}" + suffix);
    }

    /// <summary>
    /// Writes a doc comment, one <c>///</c> line per line of <paramref name="summary"/>, the tags on the first and the last
    /// (a one-line text is one <c>/// &lt;summary&gt;…&lt;/summary&gt;</c> line): lines of tags alone were a third of what the
    /// compiler read, and XML documentation does not care where its line breaks are.
    /// </summary>
    public IndentedWriter Summary(string summary)
    {
        // C# ends a comment at \r, U+0085, U+2028 and U+2029 too: text after one would become code.
        string flat = summary.Replace('\r', ' ').Replace('\u0085', ' ').Replace('\u2028', ' ').Replace('\u2029', ' ');
        string[] parts = flat.Split('\n');
        for (int i = 0; i < parts.Length; i++)
        {
            Line("/// " + (i == 0 ? "<summary>" : string.Empty) + parts[i] + (i == parts.Length - 1 ? "</summary>" : string.Empty));
        }

        return this;
    }

    /// <summary>The number of characters written so far.</summary>
    public int Length => _text.Length;

    public override string ToString() => _text.ToString();
}
