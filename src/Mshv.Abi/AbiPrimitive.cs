namespace Mshv.Abi;

/// <summary>The primitive spellings of the model, with their sizes on the recorded target.</summary>
public static class AbiPrimitive
{
    public const string I8 = "i8";
    public const string U8 = "u8";
    public const string I16 = "i16";
    public const string U16 = "u16";
    public const string I32 = "i32";
    public const string U32 = "u32";
    public const string I64 = "i64";
    public const string U64 = "u64";
    public const string I128 = "i128";
    public const string U128 = "u128";
    public const string F32 = "f32";
    public const string F64 = "f64";
    public const string F80 = "f80";
    public const string Bool = "bool";

    /// <summary>C <c>float _Complex</c>: two <c>f32</c>, real then imaginary.</summary>
    public const string ComplexF32 = "cf32";

    /// <summary>C <c>double _Complex</c>: two <c>f64</c>, real then imaginary.</summary>
    public const string ComplexF64 = "cf64";

    /// <summary>C <c>long double _Complex</c>: two <c>f80</c> (each in 16 bytes on x86-64), real then imaginary.</summary>
    public const string ComplexF80 = "cf80";

    /// <summary>Any data or function pointer: the model keeps only its size.</summary>
    public const string Pointer = "ptr";

    public static bool IsKnown(string primitive) => SizeOf(primitive) > 0 || primitive == AbiType.Record;

    public static bool IsComplex(string primitive) => primitive is ComplexF32 or ComplexF64 or ComplexF80;

    public static bool IsSigned(string primitive) => primitive is I8 or I16 or I32 or I64 or I128;

    public static bool IsInteger(string primitive) =>
        primitive is I8 or U8 or I16 or U16 or I32 or U32 or I64 or U64 or I128 or U128 or Bool;

    public static int SizeOf(string primitive) => primitive switch
    {
        I8 or U8 or Bool => 1,
        I16 or U16 => 2,
        I32 or U32 or F32 => 4,
        I64 or U64 or F64 or Pointer => 8,
        I128 or U128 or F80 => 16,
        ComplexF32 => 8,
        ComplexF64 => 16,
        ComplexF80 => 32,
        _ => 0,
    };
}
