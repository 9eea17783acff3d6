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
    /// Writes a doc comment: a one-line text as one <c>/// &lt;summary&gt;…&lt;/summary&gt;</c> line (the three-line form was
    /// a third of what the compiler read), a longer one as one <c>///</c> line per line of <paramref name="summary"/>.
    /// </summary>
    public IndentedWriter Summary(string summary)
    {
        // C# ends a comment at \r, U+0085, U+2028 and U+2029 too: text after one would become code.
        string flat = summary.Replace('\r', ' ').Replace('\u0085', ' ').Replace('\u2028', ' ').Replace('\u2029', ' ');
        if (flat.IndexOf('\n') < 0)
        {
            return Line("/// <summary>" + flat + "</summary>");
        }

        Line("/// <summary>");
        foreach (string part in flat.Split('\n'))
        {
            Line("/// " + part);
        }

        return Line("/// </summary>");
    }

    /// <summary>The number of characters written so far.</summary>
    public int Length => _text.Length;

    public override string ToString() => _text.ToString();
}
