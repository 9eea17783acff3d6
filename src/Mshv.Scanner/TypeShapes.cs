using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Mshv.Abi;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>Turns clang types into model shapes: primitives from the canonical type, enums, records and array dimensions.</summary>
internal sealed partial class TypeShapes
{
    private readonly SourceFiles _files;
    private readonly DeclarationIndex _index;

    public TypeShapes(SourceFiles files, DeclarationIndex index)
    {
        _files = files;
        _index = index;
    }

    /// <summary>
    /// The shape of <paramref name="type"/>, or null if the model cannot express it. A record element is
    /// named by <paramref name="nameRecord"/> (the caller knows whether it is nested, anonymous or a root).
    /// </summary>
    public AbiType? Shape(CXType type, Func<CXCursor, string> nameRecord)
    {
        CXType element = Clang.Canonical(type);
        var dimensions = new List<long>();
        while (element.Kind is CXTypeKind.ConstantArray or CXTypeKind.IncompleteArray)
        {
            dimensions.Add(element.Kind == CXTypeKind.ConstantArray ? LibClang.clang_getArraySize(element) : 0);
            element = Clang.Canonical(LibClang.clang_getArrayElementType(element));
        }

        AbiType? scalar = element.Kind switch
        {
            CXTypeKind.Record => AbiType.OfRecord(nameRecord(LibClang.clang_getTypeDeclaration(element))),
            CXTypeKind.Enum => EnumShape(LibClang.clang_getTypeDeclaration(element)),
            _ => Primitive(element) is string primitive ? AbiType.Scalar(primitive) : null,
        };
        return scalar is null ? null : scalar with { Dimensions = dimensions.ToEquatableArray() };
    }

    /// <summary>The model primitive of a canonical scalar type: signedness from its kind, width from clang's sizeof.</summary>
    public static string? Primitive(CXType canonical)
    {
        long bits = LibClang.clang_Type_getSizeOf(canonical) * 8;
        return canonical.Kind switch
        {
            CXTypeKind.Bool => AbiPrimitive.Bool,
            CXTypeKind.Char_S or CXTypeKind.SChar or CXTypeKind.Short or CXTypeKind.Int or CXTypeKind.Long
                or CXTypeKind.LongLong or CXTypeKind.Int128 or CXTypeKind.WChar => Known("i" + bits),
            CXTypeKind.Char_U or CXTypeKind.UChar or CXTypeKind.UShort or CXTypeKind.UInt or CXTypeKind.ULong
                or CXTypeKind.ULongLong or CXTypeKind.UInt128 or CXTypeKind.Char16 or CXTypeKind.Char32 => Known("u" + bits),
            CXTypeKind.Float => AbiPrimitive.F32,
            CXTypeKind.Double => AbiPrimitive.F64,
            CXTypeKind.LongDouble => AbiPrimitive.F80,
            CXTypeKind.Pointer or CXTypeKind.BlockPointer => AbiPrimitive.Pointer,
            CXTypeKind.Complex => Complex(canonical, bits / 8),
            _ => null,
        };
    }

    /// <summary>
    /// <c>float/double/long double _Complex</c>: real then imaginary, each laid out as its element type. GNU C's
    /// <c>_Complex int</c> and a size other than two elements' have no model primitive.
    /// </summary>
    private static string? Complex(CXType complex, long bytes)
    {
        string? primitive = Clang.Canonical(LibClang.clang_getElementType(complex)).Kind switch
        {
            CXTypeKind.Float => AbiPrimitive.ComplexF32,
            CXTypeKind.Double => AbiPrimitive.ComplexF64,
            CXTypeKind.LongDouble => AbiPrimitive.ComplexF80,
            _ => null,
        };
        return primitive is not null && AbiPrimitive.SizeOf(primitive) == bytes ? primitive : null;
    }

    public string EnumName(CXCursor declaration)
    {
        if (_index.NameOf(declaration) is string name)
        {
            return name;
        }

        return "anon@" + _files.Locate(declaration);
    }

    /// <summary>
    /// A C type's spelling with clang's "parent::(unnamed struct at /abs/path:3:5)" chains replaced by "{...}",
    /// so the spelling stays C and no path leaks into the model.
    /// </summary>
    public static string Spell(CXType type) => UnnamedSpelling().Replace(Clang.Spelling(type), "{...}");

    private AbiType? EnumShape(CXCursor declaration)
    {
        string? primitive = Primitive(Clang.Canonical(LibClang.clang_getEnumDeclIntegerType(declaration)));
        return primitive is null ? null : AbiType.Scalar(primitive) with { EnumName = EnumName(declaration) };
    }

    private static string? Known(string primitive) => AbiPrimitive.SizeOf(primitive) > 0 ? primitive : null;

    [GeneratedRegex(@"(?:(?:[A-Za-z_][A-Za-z0-9_]*|\((?:unnamed|anonymous)[^)]*\))::)*\((?:unnamed|anonymous)[^)]*\)")]
    private static partial Regex UnnamedSpelling();
}
