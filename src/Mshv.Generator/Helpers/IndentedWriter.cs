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

    public IndentedWriter Line(string line = "")
    {
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

    /// <summary>Writes a doc comment, one <c>///</c> line per line of <paramref name="summary"/>.</summary>
    public IndentedWriter Summary(string summary)
    {
        Line("/// <summary>");
        // C# ends a comment at \r, U+0085, U+2028 and U+2029 too: text after one would become code.
        string flat = summary.Replace('\r', ' ').Replace('\u0085', ' ').Replace('\u2028', ' ').Replace('\u2029', ' ');
        foreach (string part in flat.Split('\n'))
        {
            Line("/// " + part);
        }

        return Line("/// </summary>");
    }

    public override string ToString() => _text.ToString();
}
