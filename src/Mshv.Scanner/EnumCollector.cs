using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>The enums defined in the scanned headers, named by tag, typedef name, or <c>anon@file:line</c>.</summary>
internal static class EnumCollector
{
    public static List<AbiEnum> Collect(
        DeclarationIndex index, SourceFiles files, TypeShapes shapes, List<ScanDiagnostic> diagnostics, Docs.DocumentationIndex? docs = null)
    {
        var enums = new List<AbiEnum>();
        foreach (CXCursor declaration in index.Enums.Where(files.IsListed))
        {
            string? underlying = TypeShapes.Primitive(Clang.Canonical(LibClang.clang_getEnumDeclIntegerType(declaration)));
            if (underlying is null)
            {
                diagnostics.Add(files.Diagnostic(declaration, ScanDiagnosticIds.UnrepresentableType, ScanSeverity.Error, "the underlying type of an enum has no model primitive"));
                continue;
            }

            string name = shapes.EnumName(declaration);
            Docs.KernelDocBlock? block = null;
            string? doc = docs?.Of(declaration, name, out block);
            // A kernel-doc block above an enum documents its enumerators as @NAME: text.
            var constants = new List<AbiEnumConstant>();
            foreach (CXCursor constant in Clang.Children(declaration))
            {
                if (constant.Kind == CXCursorKind.EnumConstantDecl)
                {
                    string constantName = Clang.Spelling(constant);
                    constants.Add(new AbiEnumConstant(constantName, Value(constant, underlying))
                    {
                        Doc = docs?.OfMember(constant, constantName, block, string.Empty),
                    });
                }
            }

            enums.Add(new AbiEnum(
                name,
                index.NameOf(declaration) is null,
                underlying,
                files.Locate(declaration),
                constants.ToEquatableArray())
            {
                Doc = doc,
            });
        }

        return enums;
    }

    /// <summary>
    /// An enumerator's value as its enum's type holds it: clang's plain accessor sign-extends whatever the type, so
    /// <c>0xFFFFFFFE</c> in an enum of <c>unsigned int</c> would read as -2. A 64-bit unsigned value keeps its bits.
    /// </summary>
    public static long Value(CXCursor constant, string underlying) =>
        underlying is "u8" or "u16" or "u32"
            ? (long)LibClang.clang_getEnumConstantDeclUnsignedValue(constant)
            : LibClang.clang_getEnumConstantDeclValue(constant);
}
