using System.Collections.Generic;
using System.Globalization;
using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// <c>FixedArrayN&lt;T&gt;</c>: a C array of N elements stored inline, emitted once per length per namespace.
/// Element access (<c>a[i]</c>) is the language's inline-array access: bounds-checked for a variable index,
/// a compile error for a constant one out of range.
/// </summary>
internal static class FixedArrayEmitter
{
    public static string HintName(string ns) => ns + ".FixedArrays.g.cs";

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
            writer.Line("public struct FixedArray" + n + "<T>");
            writer.Open("    where T : unmanaged");
            writer.Line("private T _element0;");
            writer.Line();
            writer.Summary("The number of elements, as declared in C.");
            writer.Line("public readonly int Length => " + n + ";");
            writer.Line();
            writer.Summary("The elements, as a span over this storage.");
            writer.Line("[UnscopedRef]");
            writer.Line("public Span<T> AsSpan() => MemoryMarshal.CreateSpan(ref _element0, " + n + ");");
            writer.Close();
        }

        return writer.ToString();
    }
}
