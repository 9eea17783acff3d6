using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Helpers;
using Mshv.Generator.Models;

namespace Mshv.Generator.Emission;

/// <summary>
/// C's <c>_Complex</c> types as two-element structs (real, then imaginary: C11 6.2.5p13 lays a complex out as an
/// array of two of its element type), emitted once per namespace for the kinds its models use. Conversions to
/// <see cref="System.Numerics.Complex"/> are implicit where exact (<c>float</c> and <c>double</c> widen exactly),
/// explicit where they round (<c>Complex</c> to <c>float _Complex</c>), and absent for <c>long double</c>, whose
/// 80-bit parts C# cannot hold: those stay raw bytes.
/// </summary>
internal static class ComplexEmitter
{
    public static string HintName(string ns) => ns + ".ComplexTypes.g.cs";

    /// <summary>The C# type of a complex primitive (<c>cf32</c>, <c>cf64</c>, <c>cf80</c>).</summary>
    public static string TypeName(string primitive) => primitive switch
    {
        AbiPrimitive.ComplexF32 => "ComplexFloat",
        AbiPrimitive.ComplexF64 => "ComplexDouble",
        _ => "ComplexLongDouble",
    };

    /// <summary>
    /// For a file an earlier <c>mshv generate</c> wrote for the same namespace: one file with the kinds both need, so
    /// outputs of several headers in one namespace share it instead of overwriting it.
    /// </summary>
    public static EmittedFile Merge(EmittedFile emitted, string existingSource, string ns)
    {
        var kinds = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (string primitive in new[] { AbiPrimitive.ComplexF32, AbiPrimitive.ComplexF64, AbiPrimitive.ComplexF80 })
        {
            string declaration = "public struct " + TypeName(primitive);
            if (emitted.Source.Contains(declaration) || existingSource.Contains(declaration))
            {
                kinds.Add(primitive);
            }
        }

        return new EmittedFile(emitted.HintName, Emit(ns, kinds.ToList()));
    }

    public static string Emit(string ns, IEnumerable<string> primitives)
    {
        IndentedWriter writer = SourceFile.Begin(ns, "System.Numerics", "System.Runtime.InteropServices");
        bool first = true;
        foreach (string primitive in primitives)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            switch (primitive)
            {
                case AbiPrimitive.ComplexF32:
                    WriteFloating(writer, "float", "ComplexFloat", exactFromComplex: false);
                    break;
                case AbiPrimitive.ComplexF64:
                    WriteFloating(writer, "double", "ComplexDouble", exactFromComplex: true);
                    break;
                default:
                    WriteLongDouble(writer);
                    break;
            }
        }

        return writer.ToString();
    }

    private static void WriteFloating(IndentedWriter writer, string part, string name, bool exactFromComplex)
    {
        writer.Summary("C <c>" + part + " _Complex</c>: the real part, then the imaginary part, each a <c>" + part + "</c> (C's layout and alignment).");
        writer.Line("[StructLayout(LayoutKind.Sequential)]");
        writer.Open("public struct " + name);
        writer.Summary("The real part (C's <c>__real__</c>, <c>creal</c>).");
        writer.Line("public " + part + " Real;");
        writer.Line();
        writer.Summary("The imaginary part (C's <c>__imag__</c>, <c>cimag</c>).");
        writer.Line("public " + part + " Imaginary;");
        writer.Line();
        writer.Summary("A complex number from its parts.");
        writer.Open("public " + name + "(" + part + " real, " + part + " imaginary)");
        writer.Line("Real = real;");
        writer.Line("Imaginary = imaginary;");
        writer.Close();
        writer.Line();
        writer.Summary("Exact: both parts widen to <c>double</c> without rounding.");
        writer.Line("public static implicit operator Complex(" + name + " value) => new(value.Real, value.Imaginary);");
        writer.Line();
        if (exactFromComplex)
        {
            writer.Summary("Exact: <see cref=\"Complex\"/> holds two doubles.");
            writer.Line("public static implicit operator " + name + "(Complex value) => new(value.Real, value.Imaginary);");
        }
        else
        {
            writer.Summary("Rounds each part to <c>float</c>, as a C assignment does: explicit, because it is not exact.");
            writer.Line("public static explicit operator " + name + "(Complex value) => new((float)value.Real, (float)value.Imaginary);");
        }

        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("public override readonly string ToString() => ((Complex)this).ToString();");
        writer.Close();
    }

    private static void WriteLongDouble(IndentedWriter writer)
    {
        writer.Summary("C <c>long double _Complex</c>: the real part, then the imaginary part, each a <c>long double</c> kept as its 16 raw bytes (C# has no 80-bit float).");
        writer.Line("[StructLayout(LayoutKind.Sequential)]");
        writer.Open("public struct ComplexLongDouble");
        writer.Summary("The real part's bytes, in the target's long double format.");
        writer.Line("public FixedArray16<byte> Real;");
        writer.Line();
        writer.Summary("The imaginary part's bytes, in the target's long double format.");
        writer.Line("public FixedArray16<byte> Imaginary;");
        writer.Close();
    }
}
