using System;
using Mshv.Abi;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>
/// One walk over a translation unit collecting the declarations the scanner reads: record and enum
/// definitions (also those nested in records, which C puts at file scope), typedefs, variables and macro
/// definitions, and the typedef name that names each otherwise unnamed record or enum.
/// </summary>
internal sealed unsafe class DeclarationIndex
{
    private readonly Dictionary<nint, string> _typedefNames = new();

    private readonly TranslationUnit _unit;

    public DeclarationIndex(TranslationUnit unit)
    {
        _unit = unit;
        Walk(unit.Cursor);
    }

    public List<CXCursor> Records { get; } = new();

    public List<CXCursor> Enums { get; } = new();

    public List<CXCursor> Typedefs { get; } = new();

    public List<CXCursor> Variables { get; } = new();

    public List<CXCursor> Macros { get; } = new();

    /// <summary>The names of the functions declared at file scope (uapi headers have a few static inline ones).</summary>
    public HashSet<string> FunctionNames { get; } = new(System.StringComparer.Ordinal);

    private readonly Dictionary<nint, string> _macroNames = new();

    /// <summary>Every macro name defined anywhere, function-like or not.</summary>
    public HashSet<string> MacroNames { get; } = new(System.StringComparer.Ordinal);

    /// <summary>The name of a macro definition of <see cref="Macros"/>, read once: the macro list, the function-like macros and the evaluator all ask.</summary>
    public unsafe string MacroName(CXCursor definition) =>
        _macroNames.TryGetValue((nint)definition.Data0, out string? name) ? name : Clang.Spelling(definition);

    /// <summary>
    /// The tag of a record or enum declaration; for <c>typedef struct { } name;</c> the typedef name; else null. When a
    /// tagged definition has that name too (<c>struct foo { … };</c> beside <c>typedef struct { … } foo;</c>, which C
    /// allows: tags and typedef names are apart), the tagless one is <c>foo.typedef</c> (no member can be called
    /// <c>typedef</c>, so the name is free), instead of one record overwriting the other in the model.
    /// </summary>
    public unsafe string? NameOf(CXCursor declaration)
    {
        _typedefCollisions ??= TypedefCollisions();
        return _typedefCollisions.TryGetValue((nint)declaration.Data0, out string? renamed) ? renamed : RawNameOf(declaration);
    }

    private Dictionary<nint, string>? _typedefCollisions;

    private unsafe string? RawNameOf(CXCursor declaration)
    {
        string spelling = Clang.Spelling(declaration);
        if (IsIdentifier(spelling))
        {
            return spelling;
        }

        return _typedefNames.TryGetValue((nint)declaration.Data0, out string? name) ? name : null;
    }

    /// <summary>
    /// The tagless record definitions whose typedef name a tagged record definition also has, renamed. (Enums are not: an
    /// enum's model name is a C identifier.)
    /// </summary>
    private unsafe Dictionary<nint, string> TypedefCollisions()
    {
        var renamed = new Dictionary<nint, string>();
        // Only names two definitions share are tokenized (IsTagless reads the declaration's tokens).
        foreach (IGrouping<string, CXCursor> same in Records.Select(d => (Name: RawNameOf(d), Cursor: d)).Where(d => d.Name is not null)
            .GroupBy(d => d.Name!, d => d.Cursor, System.StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (CXCursor tagless in same.Where(IsTagless))
            {
                renamed[(nint)tagless.Data0] = same.Key + ".typedef";
            }
        }

        return renamed;
    }

    /// <summary>
    /// Whether a record or enum was written without a tag (<c>struct {</c>). clang spells the type of
    /// <c>typedef struct { } name;</c> as <c>struct name</c>, which is not C, so the tokens decide.
    /// </summary>
    public unsafe bool IsTagless(CXCursor declaration)
    {
        var tokens = Clang.Tokens(_unit.Handle, declaration);
        // 'struct __attribute__((packed)) { … }' is tagless too: attributes before the brace are skipped.
        int at = 1;
        while (at < tokens.Count && tokens[at].Text is "__attribute__" or "__attribute")
        {
            at++;
            for (int depth = 0; at < tokens.Count; at++)
            {
                depth += tokens[at].Text == "(" ? 1 : tokens[at].Text == ")" ? -1 : 0;
                if (depth == 0)
                {
                    at++;
                    break;
                }
            }
        }

        return at >= tokens.Count || tokens[at].Text == "{";
    }

    /// <summary>
    /// A C identifier as gcc reads one: ASCII letters, digits and '_', '$', and non-ASCII letters (<c>struct café</c>);
    /// the generator escapes what C# does not allow. clang's "(unnamed struct at …)" spellings are not identifiers.
    /// </summary>
    public static bool IsIdentifier(string text) => AbiModelReader.IsCIdentifier(text);

    /// <summary>
    /// One native visit of the whole unit, sorting each cursor in the callback: the unit's top level also holds every
    /// macro expansion and inclusion of the preprocessing record (most of its cursors), which are never collected.
    /// A record definition is recursed into, so nested records and enums come right after it, as C scopes them.
    /// </summary>
    private unsafe void Walk(CXCursor root)
    {
        GCHandle handle = GCHandle.Alloc(this);
        try
        {
            LibClang.clang_visitChildren(root, &Visit, (void*)GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }

        _failure?.Throw();
    }

    /// <summary>An exception of the callback, thrown again once libclang has returned (none may cross its frames).</summary>
    private ExceptionDispatchInfo? _failure;

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static CXChildVisitResult Visit(CXCursor cursor, CXCursor parent, void* clientData)
    {
        var index = (DeclarationIndex)GCHandle.FromIntPtr((nint)clientData).Target!;
        try
        {
            return index.Add(cursor);
        }
        catch (Exception e)
        {
            index._failure = ExceptionDispatchInfo.Capture(e);
            return CXChildVisitResult.Break;
        }
    }

    private unsafe CXChildVisitResult Add(CXCursor cursor)
    {
        switch (cursor.Kind)
        {
            case CXCursorKind.StructDecl or CXCursorKind.UnionDecl:
                if (LibClang.clang_isCursorDefinition(cursor) != 0)
                {
                    Records.Add(cursor);
                    return CXChildVisitResult.Recurse;
                }

                break;
            case CXCursorKind.EnumDecl:
                if (LibClang.clang_isCursorDefinition(cursor) != 0)
                {
                    Enums.Add(cursor);
                }

                break;
            case CXCursorKind.TypedefDecl:
                Typedefs.Add(cursor);
                RememberTypedefName(cursor);
                break;
            case CXCursorKind.VarDecl:
                Variables.Add(cursor);
                break;
            case CXCursorKind.FunctionDecl:
                FunctionNames.Add(Clang.Spelling(cursor));
                break;
            case CXCursorKind.MacroDefinition:
                Macros.Add(cursor);
                string name = Clang.Spelling(cursor);
                _macroNames[(nint)cursor.Data0] = name;
                MacroNames.Add(name);
                break;
        }

        return CXChildVisitResult.Continue;
    }

    private unsafe void RememberTypedefName(CXCursor typedef)
    {
        CXType underlying = Clang.Canonical(LibClang.clang_getTypedefDeclUnderlyingType(typedef));
        if (underlying.Kind is CXTypeKind.Record or CXTypeKind.Enum)
        {
            CXCursor declaration = LibClang.clang_getTypeDeclaration(underlying);
            if (!IsIdentifier(Clang.Spelling(declaration)))
            {
                _typedefNames.TryAdd((nint)declaration.Data0, Clang.Spelling(typedef));
            }
        }
    }
}
