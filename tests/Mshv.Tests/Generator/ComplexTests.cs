using System;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Scanner;
using Mshv.Tests.Generator.Support;
using Mshv.Tests.Scanner;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>C's <c>_Complex</c> members: two-element structs (real, imaginary) with gcc's layout and values.</summary>
public sealed class ComplexTests
{
    private const string Header = "struct cx { char c; double _Complex z; float _Complex w[2]; long double _Complex l; short s; };\n";

    [Fact]
    public void Complex_members_have_model_primitives()
    {
        AbiRecord cx = Scan().Records.Single(r => r.Name == "cx");

        Assert.Equal(AbiPrimitive.ComplexF64, cx.Fields.Single(f => f.Name == "z").Type.Primitive);
        Assert.Equal(AbiPrimitive.ComplexF32, cx.Fields.Single(f => f.Name == "w").Type.Primitive);
        Assert.Equal(AbiPrimitive.ComplexF80, cx.Fields.Single(f => f.Name == "l").Type.Primitive);
        Assert.DoesNotContain(cx.Fields, f => f.IsOpaque);
    }

    [Fact]
    public void Complex_parts_and_conversions_match_what_gcc_stores_and_reads()
    {
        EmitResult result = BindingEmitter.Emit(Scan(), new EmitOptions("Test.Interop", "Test", EmitIoctlSupportTypes: true));

        // long double _Complex is the one inexact part (two raw 16-byte parts), and says so.
        EmitDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Contains("long double _Complex", diagnostic.Message, StringComparison.Ordinal);
        var (c, cs) = DualScenario.RunEach(
            Header,
            result.Files.Select(f => f.Source),
            """
            struct cx x; memset(&x, 0, sizeof x);
            __real__ x.z = 1.5; __imag__ x.z = -2.25; __real__ x.w[1] = 3.5f; __imag__ x.w[1] = 0.125f; x.s = 7;
            PB(x); P(sizeof x); P(offsetof(struct cx, z)); P(offsetof(struct cx, w)); P(offsetof(struct cx, l)); P(offsetof(struct cx, s));
            P(__real__ x.z * 4); P(__imag__ x.z * 4); P(__real__ x.w[1] * 8); P(__imag__ x.w[1] * 8);
            double _Complex back = 0.75 - 0.5 * 1.0i; x.z = back; P(__imag__ x.z * 4);
            float _Complex rounded = (float _Complex)(0.1 + 0.2 * 1.0i); P(*(unsigned int *)&rounded); P(((unsigned int *)&rounded)[1]);
            """,
            """
            var x = new cx();
            x.z = new ComplexDouble(1.5, -2.25); x.w[1] = new ComplexFloat(3.5f, 0.125f); x.s = 7;
            PB(x); P(System.Runtime.CompilerServices.Unsafe.SizeOf<cx>());
            P(Marshal.OffsetOf<cx>("z").ToInt64()); P(Marshal.OffsetOf<cx>("w").ToInt64()); P(Marshal.OffsetOf<cx>("l").ToInt64()); P(Marshal.OffsetOf<cx>("s").ToInt64());
            System.Numerics.Complex z = x.z; System.Numerics.Complex w = x.w[1];
            P((long)(z.Real * 4)); P((long)(z.Imaginary * 4)); P((long)(w.Real * 8)); P((long)(w.Imaginary * 8));
            x.z = new System.Numerics.Complex(0.75, -0.5); P((long)(x.z.Imaginary * 4));
            var rounded = (ComplexFloat)new System.Numerics.Complex(0.1, 0.2); P(BitConverter.SingleToUInt32Bits(rounded.Real)); P(BitConverter.SingleToUInt32Bits(rounded.Imaginary));
            """);

        Assert.Equal(c, cs);
    }

    private static AbiModel Scan()
    {
        using var temp = new TempHeaders();
        ScanResult result = HeaderScanner.Scan(IsolationTests.Options(temp.Write("cx.h", Header)));
        Assert.Empty(result.Diagnostics);
        return result.Model!;
    }
}
