using System.Globalization;
using Mshv.Abi;
using Mshv.Generator.Diagnostics;

namespace Mshv.Generator.Emission;

/// <summary>Maps model types to C# types: primitives, enums, record structs, nested inline arrays.</summary>
internal static class TypeMapper
{
    /// <summary>The C# keyword for an integer, float, bool or pointer primitive, or null for <c>f80</c> and records.</summary>
    public static string? Primitive(string primitive) => primitive switch
    {
        AbiPrimitive.I8 => "sbyte",
        AbiPrimitive.U8 => "byte",
        AbiPrimitive.I16 => "short",
        AbiPrimitive.U16 => "ushort",
        AbiPrimitive.I32 => "int",
        AbiPrimitive.U32 => "uint",
        AbiPrimitive.I64 => "long",
        AbiPrimitive.U64 => "ulong",
        AbiPrimitive.I128 => "Int128",
        AbiPrimitive.U128 => "UInt128",
        AbiPrimitive.F32 => "float",
        AbiPrimitive.F64 => "double",
        AbiPrimitive.Bool => "bool",
        AbiPrimitive.Pointer => "nint",
        _ => null,
    };

    /// <summary>
    /// The C# type of one element (all dimensions stripped), or null when the model lacks the record
    /// (reported as <see cref="MshvDiagnostics.MissingRecord"/> against <paramref name="user"/>).
    /// </summary>
    public static CSharpType? Element(AbiType type, EmissionContext context, string user, SourceLocation location)
    {
        if (type.IsRecord)
        {
            string recordName = type.RecordName ?? string.Empty;
            if (!context.TryGetRecord(recordName, out AbiRecord record) || record.IsAnonymous)
            {
                context.Report(MshvDiagnostics.MissingRecord, user + " uses record '" + recordName + "', which is not in the model", location);
                return null;
            }

            if (record.Size == 0)
            {
                // GNU C allows empty structs of size 0; a C# struct is at least 1 byte and would push what follows.
                context.Report(MshvDiagnostics.InexactType, user + " has type " + record.CKeyword + " " + recordName + ", which is empty (size 0) and has no C# equivalent; it is not emitted", location);
                return null;
            }

            return new CSharpType(context.RecordName(recordName), record.Size, false);
        }

        int size = AbiPrimitive.SizeOf(type.Primitive);
        if (AbiPrimitive.IsComplex(type.Primitive))
        {
            context.UseComplex(type.Primitive);
            if (type.Primitive == AbiPrimitive.ComplexF80)
            {
                context.UseArrayLength(16);
                context.Report(
                    MshvDiagnostics.InexactType,
                    user + " has C type 'long double _Complex', whose parts C# cannot express; it is emitted as ComplexLongDouble, two 16-byte raw parts",
                    location);
            }

            return new CSharpType(ComplexEmitter.TypeName(type.Primitive), size, false);
        }

        string? keyword = Primitive(type.Primitive);
        if (keyword is null)
        {
            // Only f80 gets here: keep its bytes so the layout stays exact, and say so.
            context.UseArrayLength(size);
            context.Report(
                MshvDiagnostics.InexactType,
                user + " has C type '" + type.Primitive + "' (" + size.ToString(CultureInfo.InvariantCulture) + " bytes), which C# cannot express; it is emitted as raw bytes (FixedArray" + size.ToString(CultureInfo.InvariantCulture) + "<byte>)",
                location);
            return new CSharpType("FixedArray" + size.ToString(CultureInfo.InvariantCulture) + "<byte>", size, true);
        }

        // Only an enum that is emitted (EnumEmitter.CanDeclare); a member of any other keeps the integer type.
        if (type.EnumName is not null && context.TryGetEnum(type.EnumName, out AbiEnum e) && !e.IsAnonymous
            && Primitive(e.Underlying) == keyword && EnumEmitter.CanDeclare(e.Underlying))
        {
            return new CSharpType(context.EnumName(e.Name), size, false);
        }

        return new CSharpType(keyword, size, false);
    }

    /// <summary>
    /// Wraps an element type in the array dimensions <paramref name="from"/>.. (outermost first), innermost
    /// first: <c>x[2][3]</c> → <c>FixedArray2&lt;FixedArray3&lt;T&gt;&gt;</c>. Null when a dimension is zero.
    /// </summary>
    public static CSharpType? Wrap(CSharpType element, AbiType type, int from, EmissionContext context)
    {
        CSharpType result = element;
        for (int i = type.Dimensions.Count - 1; i >= from; i--)
        {
            long length = type.Dimensions[i];
            if (length <= 0)
            {
                return null;
            }

            context.UseArrayLength(length);
            result = new CSharpType(
                "FixedArray" + length.ToString(CultureInfo.InvariantCulture) + "<" + result.Name + ">",
                result.Size * length,
                result.IsRawBytes);
        }

        return result;
    }

    /// <summary>Element type and all dimensions, or null (already reported) when it cannot be expressed.</summary>
    public static CSharpType? Full(AbiType type, EmissionContext context, string user, SourceLocation location)
    {
        CSharpType? element = Element(type, context, user, location);
        if (element is null)
        {
            return null;
        }

        CSharpType? full = Wrap(element, type, 0, context);
        if (full is null)
        {
            context.Report(MshvDiagnostics.InexactType, user + " is a zero-length array that is not the last member's outermost dimension; it is not emitted", location);
        }

        return full;
    }
}
