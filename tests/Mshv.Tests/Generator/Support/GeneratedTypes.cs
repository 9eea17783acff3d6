using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Mshv.Tests.Generator.Support;

/// <summary>
/// The top-level types of a model's one generated file (<c>{Prefix}.Bindings.g.cs</c>): a test that asks about "the ioctls
/// class" reads that class, not the whole file (the constants class names every request too).
/// </summary>
internal static class GeneratedTypes
{
    // A top-level declaration starts at column 0 (the namespace is file-scoped) and ends at the next "}" at column 0.
    private static readonly Regex Declaration = new(
        @"^(?:public|internal)(?: static| sealed| readonly| unsafe)*(?: partial)? (?:struct|class|enum) (?<name>@?\w+)", RegexOptions.Compiled);

    /// <summary>The names of the types the file declares, sorted ordinally, each once (partial parts together).</summary>
    public static string[] Names(string source) =>
        Lines(source).Select(l => Declaration.Match(l)).Where(m => m.Success).Select(m => m.Groups["name"].Value.TrimStart('@'))
            .Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    /// <summary>Every declaration of <paramref name="typeName"/> in the file (its partial parts, one after another); fails when there is none.</summary>
    public static string Of(string source, string typeName)
    {
        var text = new StringBuilder();
        bool inside = false;
        foreach (string line in Lines(source))
        {
            Match match = Declaration.Match(line);
            inside |= match.Success && match.Groups["name"].Value.TrimStart('@') == typeName;
            if (inside)
            {
                text.Append(line).Append('\n');
                inside = line != "}";
            }
        }

        return text.Length > 0 ? text.ToString() : throw new InvalidOperationException("The generated file declares no type " + typeName + "; it declares " + string.Join(", ", Names(source)));
    }

    /// <summary>Whether the file declares <paramref name="typeName"/>.</summary>
    public static bool Declares(string source, string typeName) => Names(source).Contains(typeName, StringComparer.Ordinal);

    private static IEnumerable<string> Lines(string source) => source.Split('\n');
}
