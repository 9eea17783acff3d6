using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner.Docs;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>
/// Reads record layouts from clang: the roots asked for, then every record they contain for layout,
/// transitively. Names follow the model: the C tag (or typedef name); <c>parent.member</c> for an unnamed
/// record typed by a named member, where parent is the nearest named record (the C access path, as in
/// <c>kvm_run.io</c>); <c>parent.anonN</c> for the N-th anonymous member of parent.
/// </summary>
internal sealed unsafe class RecordCollector
{
    private readonly SourceFiles _files;
    private readonly DeclarationIndex _index;
    private readonly TypeShapes _shapes;
    private readonly List<ScanDiagnostic> _diagnostics;
    private readonly Dictionary<nint, string> _names = new();
    private readonly Queue<Pending> _pending = new();
    private readonly bool _strict;

    public RecordCollector(SourceFiles files, DeclarationIndex index, TypeShapes shapes, List<ScanDiagnostic> diagnostics, bool strict = false)
    {
        _strict = strict;
        _files = files;
        _index = index;
        _shapes = shapes;
        _diagnostics = diagnostics;
    }

    public Dictionary<string, AbiRecord> Records { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Where records and members find the kernel's comments; without it, the model carries no docs.</summary>
    public DocumentationIndex? Docs { get; init; }

    /// <summary>Records left out because a member could not be represented, and what that costs the records around them.</summary>
    public RecordIsolation Isolation { get; } = new();

    /// <summary>Names a record referenced from outside any record (a root, a typedef, an ioctl argument) and queues it.</summary>
    public string Reference(CXCursor declaration, string fallbackName)
    {
        if (_names.TryGetValue((nint)declaration.Data0, out string? known))
        {
            return known;
        }

        string name = _index.NameOf(declaration) ?? fallbackName;
        Enqueue(declaration, name, anonymous: false, namedAncestor: name, scope: null);
        return name;
    }

    /// <summary>Reads every queued record and what it references.</summary>
    public void Drain()
    {
        while (_pending.Count > 0)
        {
            Pending next = _pending.Dequeue();
            if (Read(next) is AbiRecord record)
            {
                Records[record.Name] = record;
            }
        }

        Isolation.Apply(Records, _diagnostics);
    }

    /// <summary>
    /// A name made up here (<c>parent.anonN</c>, <c>parent.member</c>) that no record has yet: a member may be called
    /// <c>anon0</c> (<c>struct { … } anon0;</c> beside an anonymous union), and each of the two would otherwise be named
    /// <c>p.anon0</c>, one record's layout standing for both.
    /// </summary>
    private string Unclaimed(string name)
    {
        string candidate = name;
        for (int k = 2; _taken.Contains(candidate); k++)
        {
            candidate = name + "_" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal);

    private void Enqueue(CXCursor declaration, string name, bool anonymous, string namedAncestor, DocScope? scope)
    {
        _taken.Add(name);
        _names[(nint)declaration.Data0] = name;
        _pending.Enqueue(new Pending(declaration, name, anonymous, namedAncestor, scope));
    }

    private AbiRecord? Read(Pending record)
    {
        CXType type = Clang.Canonical(LibClang.clang_getCursorType(record.Declaration));
        SourceLocation location = _files.Locate(record.Declaration);
        Isolation.KnowFile(location.File, _files.RealLocation(record.Declaration).File);
        long size = LibClang.clang_Type_getSizeOf(type);
        long alignment = LibClang.clang_Type_getAlignOf(type);
        if (size < 0 || alignment < 0)
        {
            _diagnostics.Add(_files.Diagnostic(record.Declaration, ScanDiagnosticIds.NoLayout, ScanSeverity.Warning, "record '" + record.Name + "' has no layout (an incomplete type); it is left out of the model"));
            return null;
        }

        if (size > int.MaxValue)
        {
            // The model's and .NET's limit: an explicit-layout struct has an int size.
            _diagnostics.Add(_files.Diagnostic(record.Declaration, ScanDiagnosticIds.UnrepresentableType, ScanSeverity.Warning,
                "record '" + record.Name + "' is " + size.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " bytes, more than a C# struct can hold (" + int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + "); it is left out and the rest of the header is bound"));
            Isolation.Drop(record.Name, size);
            return null;
        }

        KernelDocBlock? block = null;
        string? doc = Docs is null ? null : Docs.Of(record.Declaration, record.Name, out block);
        // Kernel-doc documents the members of unnamed nested records in the named record's block (@io.port, or @port).
        DocScope? scope = block is not null ? new DocScope(block, string.Empty) : record.Scope;
        var fields = new List<AbiField>();
        int anonymousMembers = 0;
        foreach (CXCursor field in Clang.Fields(type))
        {
            string fieldName = Clang.Spelling(field);
            CXType fieldType = LibClang.clang_getCursorType(field);
            SourceLocation fieldLocation = _files.Locate(field);
            Isolation.KnowFile(fieldLocation.File, _files.RealLocation(field).File);
            bool anonymousMember = false;
            AbiType? shape = _shapes.Shape(fieldType, nested =>
            {
                if (_names.TryGetValue((nint)nested.Data0, out string? known))
                {
                    anonymousMember = LibClang.clang_Cursor_isAnonymousRecordDecl(nested) != 0;
                    return known;
                }

                if (LibClang.clang_Cursor_isAnonymousRecordDecl(nested) != 0)
                {
                    anonymousMember = true;
                    string anonymousName = record.Name + ".anon" + anonymousMembers++;
                    while (_taken.Contains(anonymousName))
                    {
                        anonymousName = record.Name + ".anon" + anonymousMembers++;
                    }

                    Enqueue(nested, anonymousName, anonymous: true, record.NamedAncestor, scope);
                    return anonymousName;
                }

                if (_index.NameOf(nested) is string tag)
                {
                    Enqueue(nested, tag, anonymous: false, tag, scope: null);
                    return tag;
                }

                string memberName = Unclaimed(record.NamedAncestor + "." + fieldName);
                Enqueue(nested, memberName, anonymous: false, memberName, scope is null ? null : scope with { Path = scope.Path + fieldName + "." });
                return memberName;
            });
            if (!anonymousMember && !DeclarationIndex.IsIdentifier(fieldName))
            {
                // An unnamed bitfield (`__u32 :3;`) only pads; clang already placed its neighbours.
                continue;
            }

            bool isBitfield = LibClang.clang_Cursor_isBitField(field) != 0;
            if (IsAtomic(fieldType))
            {
                // clang rounds an _Atomic struct up to a power of two and aligns it so; gcc keeps the struct's own size and
                // alignment. The record's clang layout (size, alignment, every later offset) is then not gcc's.
                _diagnostics.Add(_files.Diagnostic(field, ScanDiagnosticIds.UnrepresentableType, ScanSeverity.Warning,
                    "field '" + fieldName + "' of '" + record.Name + "' is _Atomic, which clang and gcc lay out differently, so '"
                    + record.Name + "' is left out (no layout of it would be gcc's) and the rest of the header is bound"));
                Isolation.Drop(record.Name, size);
                return null;
            }

            if (shape is null)
            {
                string problem = "field '" + fieldName + "' of '" + record.Name + "' has type '" + TypeShapes.Spell(fieldType) + "', which the model cannot represent";
                if (_strict)
                {
                    _diagnostics.Add(_files.Diagnostic(field, ScanDiagnosticIds.UnrepresentableType, ScanSeverity.Error, problem));
                    continue;
                }

                long bytes = LibClang.clang_Type_getSizeOf(fieldType);
                long offset = LibClang.clang_Cursor_getOffsetOfField(field);
                if (RecordIsolation.Placeholder(fieldName, offset, isBitfield, bytes, TypeShapes.Spell(fieldType), fieldLocation) is AbiField placeholder)
                {
                    _diagnostics.Add(_files.Diagnostic(field, ScanDiagnosticIds.UnrepresentableType, ScanSeverity.Warning, problem + RecordIsolation.KeptAsBytes(bytes)));
                    fields.Add(placeholder);
                    continue;
                }

                _diagnostics.Add(_files.Diagnostic(field, ScanDiagnosticIds.UnrepresentableType, ScanSeverity.Warning, problem + RecordIsolation.RecordLeftOut(record.Name)));
                Isolation.Drop(record.Name, size);
                return null;
            }

            long bitOffset = LibClang.clang_Cursor_getOffsetOfField(field);
            long fieldBytes = isBitfield ? 0 : LibClang.clang_Type_getSizeOf(fieldType);
            if (bitOffset < 0 || bitOffset / 8 > size || (fieldBytes > 0 && fieldBytes > size - (bitOffset / 8)))
            {
                // clang's offsets wrap past 2^63 bits (char a[1UL << 60]; char b; puts b at a negative bit), and a member
                // larger than its record says the record's size wrapped: no layout to trust.
                _diagnostics.Add(_files.Diagnostic(field, ScanDiagnosticIds.UnrepresentableType, ScanSeverity.Warning,
                    "field '" + fieldName + "' of '" + record.Name + "' lies outside the record's " + size.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + " bytes as clang computes them (an offset or size past what 64 bits of bits hold), so '" + record.Name
                    + "' is left out and the rest of the header is bound"));
                Isolation.Drop(record.Name, size);
                return null;
            }

            fields.Add(new AbiField(
                anonymousMember ? string.Empty : fieldName,
                bitOffset,
                isBitfield ? LibClang.clang_getFieldDeclBitWidth(field) : -1,
                shape,
                TypeShapes.Spell(fieldType),
                fieldLocation)
            {
                Doc = Docs?.OfMember(field, fieldName, scope?.Block, scope?.Path ?? string.Empty),
            });
        }

        bool packed = Clang.Children(record.Declaration).Any(child => child.Kind == CXCursorKind.PackedAttr);
        RecordKind kind = record.Declaration.Kind == CXCursorKind.UnionDecl ? RecordKind.Union : RecordKind.Struct;
        return new AbiRecord(record.Name, kind, size, alignment, packed, record.Anonymous, location, fields.ToEquatableArray()) { Doc = doc };
    }

    private sealed record Pending(CXCursor Declaration, string Name, bool Anonymous, string NamedAncestor, DocScope? Scope);

    /// <summary>An _Atomic member, or an array of them.</summary>
    private static bool IsAtomic(CXType type)
    {
        CXType element = Clang.Canonical(type);
        while (element.Kind is CXTypeKind.ConstantArray or CXTypeKind.IncompleteArray)
        {
            element = Clang.Canonical(LibClang.clang_getArrayElementType(element));
        }

        return element.Kind == CXTypeKind.Atomic;
    }

    /// <summary>The kernel-doc block that documents a record's members, and the member path to them (<c>io.</c>).</summary>
    private sealed record DocScope(KernelDocBlock Block, string Path);
}
