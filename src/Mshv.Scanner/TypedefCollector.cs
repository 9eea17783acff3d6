using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>The typedefs declared in the scanned headers; a typedef of a record brings that record into the model.</summary>
internal static class TypedefCollector
{
    public static List<AbiTypedef> Collect(
        DeclarationIndex index, SourceFiles files, TypeShapes shapes, RecordCollector records, List<ScanDiagnostic> diagnostics, Docs.DocumentationIndex? docs = null)
    {
        var typedefs = new List<AbiTypedef>();
        foreach (CXCursor declaration in index.Typedefs.Where(files.IsListed))
        {
            string name = Clang.Spelling(declaration);
            CXType underlying = LibClang.clang_getTypedefDeclUnderlyingType(declaration);
            if (Clang.Canonical(underlying).Kind is CXTypeKind.FunctionProto or CXTypeKind.FunctionNoProto)
            {
                // A function type has no layout; pointers to it are kept as 'ptr'.
                continue;
            }

            AbiType? shape = shapes.Shape(underlying, record => records.Reference(record, name));
            if (shape is null)
            {
                diagnostics.Add(files.Diagnostic(declaration, ScanDiagnosticIds.UnrepresentableType, ScanSeverity.Warning, "typedef '" + name + "' names '" + TypeShapes.Spell(underlying) + "', which the model cannot represent; it is left out"));
                continue;
            }

            typedefs.Add(new AbiTypedef(name, shape, Spell(index, underlying), files.Locate(declaration)) { Doc = docs?.Of(declaration, name) });
        }

        return typedefs;
    }

    private static string Spell(DeclarationIndex index, CXType underlying)
    {
        CXType canonical = Clang.Canonical(underlying);
        if (underlying.Kind is CXTypeKind.Elaborated or CXTypeKind.Record or CXTypeKind.Enum
            && canonical.Kind is CXTypeKind.Record or CXTypeKind.Enum)
        {
            CXCursor declaration = LibClang.clang_getTypeDeclaration(canonical);
            if (index.IsTagless(declaration))
            {
                string keyword = declaration.Kind switch
                {
                    CXCursorKind.UnionDecl => "union",
                    CXCursorKind.EnumDecl => "enum",
                    _ => "struct",
                };
                return keyword + " {...}";
            }
        }

        return TypeShapes.Spell(underlying);
    }
}
