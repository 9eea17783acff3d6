using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Mshv.Generator.Helpers;
using Mshv.Generator.Models;

namespace Mshv.Generator.Emission;

/// <summary>
/// <c>FixedArrayN&lt;T&gt;</c>: a C array of N elements stored inline, emitted once per length per namespace.
/// Element access (<c>a[i]</c>) is the language's inline-array access: bounds-checked for a variable index,
/// a compile error for a constant one out of range.
/// </summary>
internal static class FixedArrayEmitter
{
    private const string HintSuffix = ".FixedArrays.g.cs";

    public static string HintName(string ns) => ns + HintSuffix;

    /// <summary>
    /// For a file an earlier <c>mshv generate</c> wrote into the same folder for the same namespace: one file with the
    /// lengths both need, so outputs of several headers in one namespace share it instead of overwriting it.
    /// </summary>
    public static EmittedFile Merge(EmittedFile emitted, string existingSource)
    {
        if (!emitted.HintName.EndsWith(HintSuffix, System.StringComparison.Ordinal))
        {
            return emitted;
        }

        string ns = emitted.HintName.Substring(0, emitted.HintName.Length - HintSuffix.Length);
        var lengths = new SortedSet<long>(Lengths(emitted.Source));
        lengths.UnionWith(Lengths(existingSource));
        return new EmittedFile(emitted.HintName, Emit(ns, lengths));
    }

    private static IEnumerable<long> Lengths(string source) =>
        Regex.Matches(source, @"\[InlineArray\((\d+)\)\]").Cast<Match>()
            .Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    public static string Emit(string ns, IEnumerable<long> lengths)
    {
        IndentedWriter writer = SourceFile.Begin(ns, "System", "System.Diagnostics.CodeAnalysis", "System.Runtime.CompilerServices", "System.Runtime.InteropServices");
        bool first = true;
        foreach (long length in lengths)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            string n = length.ToString(CultureInfo.InvariantCulture);
            writer.Summary("A C array of " + n + " elements, stored inline; <c>a[i]</c> is bounds-checked.");
            writer.Line("[InlineArray(" + n + ")]");
            writer.Open("public struct FixedArray" + n + "<T> where T : unmanaged");
            writer.Line("private T _element0;");
            writer.Line();
            writer.Summary("The number of elements, as declared in C.");
            writer.Line("public readonly int Length => " + n + ";");
            writer.Line();
            writer.Summary("The elements, as a span over this storage.");
            writer.Line("[UnscopedRef] public Span<T> AsSpan() => MemoryMarshal.CreateSpan(ref _element0, " + n + ");");
            writer.Close();
        }

        return writer.ToString();
    }
}
