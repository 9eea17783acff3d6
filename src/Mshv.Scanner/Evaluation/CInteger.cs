using System.Globalization;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner.Evaluation;

/// <summary>The C integer types a macro's value can have, with the rank order of C11 6.3.1.1.</summary>
internal enum CIntegerKind
{
    Char,
    SignedChar,
    UnsignedChar,
    Short,
    UnsignedShort,
    Int,
    UnsignedInt,
    Long,
    UnsignedLong,
    LongLong,
    UnsignedLongLong,
}

/// <summary>
/// A C integer type on an LP64 Linux target (x86_64, aarch64: the only data model the evaluator accepts), where only
/// plain <c>char</c>'s signedness differs between targets.
/// </summary>
internal readonly record struct CIntegerType(CIntegerKind Kind, bool Signed)
{
    public static readonly CIntegerType Int = new(CIntegerKind.Int, true);
    public static readonly CIntegerType UnsignedLong = new(CIntegerKind.UnsignedLong, false);

    public int Bits => Kind switch
    {
        CIntegerKind.Char or CIntegerKind.SignedChar or CIntegerKind.UnsignedChar => 8,
        CIntegerKind.Short or CIntegerKind.UnsignedShort => 16,
        CIntegerKind.Int or CIntegerKind.UnsignedInt => 32,
        _ => 64,
    };

    /// <summary>The conversion rank: char types, short, int, long, long long.</summary>
    public int Rank => Kind switch
    {
        CIntegerKind.Char or CIntegerKind.SignedChar or CIntegerKind.UnsignedChar => 1,
        CIntegerKind.Short or CIntegerKind.UnsignedShort => 2,
        CIntegerKind.Int or CIntegerKind.UnsignedInt => 3,
        CIntegerKind.Long or CIntegerKind.UnsignedLong => 4,
        _ => 5,
    };

    /// <summary>The model primitive clang's canonical type gives (<see cref="TypeShapes.Primitive"/>).</summary>
    public string Primitive => (Signed ? "i" : "u") + Bits.ToString(CultureInfo.InvariantCulture);

    /// <summary>The canonical type's spelling, as clang prints it.</summary>
    public string Spelling => Kind switch
    {
        CIntegerKind.Char => "char",
        CIntegerKind.SignedChar => "signed char",
        CIntegerKind.UnsignedChar => "unsigned char",
        CIntegerKind.Short => "short",
        CIntegerKind.UnsignedShort => "unsigned short",
        CIntegerKind.Int => "int",
        CIntegerKind.UnsignedInt => "unsigned int",
        CIntegerKind.Long => "long",
        CIntegerKind.UnsignedLong => "unsigned long",
        CIntegerKind.LongLong => "long long",
        _ => "unsigned long long",
    };

    /// <summary>The unsigned type of the same rank (C11 6.3.1.8's last case).</summary>
    public CIntegerType ToUnsigned() => Kind switch
    {
        CIntegerKind.Int => new(CIntegerKind.UnsignedInt, false),
        CIntegerKind.Long => new(CIntegerKind.UnsignedLong, false),
        CIntegerKind.LongLong => new(CIntegerKind.UnsignedLongLong, false),
        _ => this,
    };

    /// <summary>The integer type of a canonical clang type, or null (bool, enum, 128-bit and every non-integer type).</summary>
    public static CIntegerType? Of(CXTypeKind kind) => kind switch
    {
        CXTypeKind.Char_S => new(CIntegerKind.Char, true),
        CXTypeKind.Char_U => new(CIntegerKind.Char, false),
        CXTypeKind.SChar => new(CIntegerKind.SignedChar, true),
        CXTypeKind.UChar => new(CIntegerKind.UnsignedChar, false),
        CXTypeKind.Short => new(CIntegerKind.Short, true),
        CXTypeKind.UShort => new(CIntegerKind.UnsignedShort, false),
        CXTypeKind.Int => Int,
        CXTypeKind.UInt => new(CIntegerKind.UnsignedInt, false),
        CXTypeKind.Long => new(CIntegerKind.Long, true),
        CXTypeKind.ULong => UnsignedLong,
        CXTypeKind.LongLong => new(CIntegerKind.LongLong, true),
        CXTypeKind.ULongLong => new(CIntegerKind.UnsignedLongLong, false),
        _ => null,
    };
}

/// <summary>
/// A value of a C integer type. <see cref="Bits"/> holds it as libclang's evaluator reports it: sign-extended to 64 bits
/// for a signed type, zero-extended for an unsigned one.
/// </summary>
internal readonly record struct CInteger(CIntegerType Type, ulong Bits)
{
    public long Signed => (long)Bits;

    public bool IsZero => Bits == 0;

    /// <summary>The value converted to <paramref name="type"/> (C11 6.3.1.3: modulo 2^N; gcc and clang wrap signed types too).</summary>
    public CInteger ConvertTo(CIntegerType type) => new(type, Normalize(Bits, type));

    /// <summary>The low bits of <paramref name="bits"/> that <paramref name="type"/> holds, extended as the type is signed.</summary>
    public static ulong Normalize(ulong bits, CIntegerType type)
    {
        int width = type.Bits;
        if (width == 64)
        {
            return bits;
        }

        ulong low = bits & ((1UL << width) - 1);
        return type.Signed && (low >> (width - 1)) != 0 ? low | ~((1UL << width) - 1) : low;
    }

    /// <summary>Whether <paramref name="value"/> is representable in <paramref name="type"/> (for signed overflow checks).</summary>
    public static bool Fits(System.Int128 value, CIntegerType type)
    {
        int width = type.Bits;
        return type.Signed
            ? value >= -(System.Int128.One << (width - 1)) && value < (System.Int128.One << (width - 1))
            : value >= 0 && value < (System.Int128.One << width);
    }

    public System.Int128 Wide => Type.Signed ? (System.Int128)Signed : (System.Int128)Bits;
}
