namespace Mshv.Abi;

/// <summary>
/// Everything the C compiler decided about a set of headers, and nothing else.
/// This is the contract between the scanner (which asks clang) and the generator (which never does).
/// </summary>
/// <param name="Target">The target triple the layout was computed for.</param>
/// <param name="Headers">The scanned headers, as include-relative paths, in the order given.</param>
public sealed record AbiModel(
    string Target,
    EquatableArray<string> Headers,
    EquatableArray<AbiRecord> Records,
    EquatableArray<AbiEnum> Enums,
    EquatableArray<AbiTypedef> Typedefs,
    EquatableArray<AbiMacro> Macros,
    EquatableArray<AbiIoctl> Ioctls)
{
    public const int FormatVersion = 1;

    /// <summary>The last line of every model: the reader rejects a model without it (cut short).</summary>
    public const string EndMarker = "end";

    /// <summary>
    /// Further target triples whose scans gave this same model apart from the target (sizes, offsets, macros, ioctls, enum
    /// values), so its types serve them all: <c>also=</c> on the <c>target</c> line, sorted, without <see cref="Target"/>.
    /// Empty for a model of one target. A reader that predates it ignores the attribute and keeps <see cref="Target"/>
    /// alone: stricter, never wrong.
    /// </summary>
    public EquatableArray<string> AlsoTargets { get; init; } = EquatableArray<string>.Empty;

    /// <summary><see cref="Target"/>, then <see cref="AlsoTargets"/>.</summary>
    public System.Collections.Generic.IReadOnlyList<string> Targets
    {
        get
        {
            var targets = new System.Collections.Generic.List<string> { Target };
            foreach (string also in AlsoTargets)
            {
                targets.Add(also);
            }

            return targets;
        }
    }

    /// <summary>Function-like macros that build ioctl requests from their arguments (<c>EVIOCGNAME(len)</c>); model lines <c>ioctlfn</c>.</summary>
    public EquatableArray<AbiRequestBuilder> RequestBuilders { get; init; } = EquatableArray<AbiRequestBuilder>.Empty;
}

/// <summary>A place in a header, as an include-relative path (never absolute) and a 1-based line.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => File + ":" + Line;
}

public enum RecordKind
{
    Struct,
    Union,
}

/// <summary>
/// A struct or union. Named records carry their C tag (or typedef name, for <c>typedef struct { } x;</c>).
/// An unnamed record used as the type of a named member is called <c>parent.member</c>; an anonymous
/// member (C11) is called <c>parent.anonN</c> and has <see cref="IsAnonymous"/> set: its members are
/// reachable through the parent, as in C.
/// </summary>
public sealed record AbiRecord(
    string Name,
    RecordKind Kind,
    long Size,
    long Alignment,
    bool IsPacked,
    bool IsAnonymous,
    SourceLocation Location,
    EquatableArray<AbiField> Fields)
{
    public string CKeyword => Kind == RecordKind.Union ? "union" : "struct";

    /// <summary>The kernel's documentation of it (<see cref="AbiDoc"/>), or null; never part of the ABI.</summary>
    public string? Doc { get; init; }
}

/// <summary>
/// A member of a record. <see cref="BitOffset"/> is clang's offset in bits from the start of the
/// containing record; <see cref="BitWidth"/> is the declared width of a bitfield, or -1.
/// An anonymous member has an empty <see cref="Name"/>.
/// </summary>
public sealed record AbiField(
    string Name,
    long BitOffset,
    int BitWidth,
    AbiType Type,
    string CType,
    SourceLocation Location)
{
    public bool IsBitfield => BitWidth >= 0;

    public bool IsAnonymousMember => Name.Length == 0;

    /// <summary>
    /// A member whose C type the model cannot represent, kept as its bytes (<see cref="Type"/> is <c>u8[size]</c>) so
    /// the record's layout stays exact; <see cref="CType"/> still says what C declared.
    /// </summary>
    public bool IsOpaque { get; init; }

    /// <summary>The kernel's documentation of it (<see cref="AbiDoc"/>), or null; never part of the ABI.</summary>
    public string? Doc { get; init; }
}

/// <summary>
/// The shape of a C type as layout sees it: a primitive (<see cref="AbiPrimitive"/>) or a record,
/// optionally in arrays. <see cref="Dimensions"/> is outermost first; a flexible or zero-length
/// array member has dimension 0. <see cref="EnumName"/> names the C enum an integer came from.
/// </summary>
public sealed record AbiType(
    string Primitive,
    string? RecordName,
    string? EnumName,
    EquatableArray<long> Dimensions)
{
    public const string Record = "record";

    public bool IsRecord => Primitive == Record;

    public bool IsArray => Dimensions.Count > 0;

    public static AbiType Scalar(string primitive) => new(primitive, null, null, EquatableArray<long>.Empty);

    public static AbiType OfRecord(string name) => new(Record, name, null, EquatableArray<long>.Empty);
}

public sealed record AbiEnumConstant(string Name, long Value)
{
    /// <summary>The kernel's documentation of it (<see cref="AbiDoc"/>), or null; never part of the ABI.</summary>
    public string? Doc { get; init; }
}

/// <summary>A C enum; an anonymous one is named <c>anon@file:line</c>.</summary>
public sealed record AbiEnum(
    string Name,
    bool IsAnonymous,
    string Underlying,
    SourceLocation Location,
    EquatableArray<AbiEnumConstant> Constants)
{
    /// <summary>The kernel's documentation of it (<see cref="AbiDoc"/>), or null; never part of the ABI.</summary>
    public string? Doc { get; init; }
}

public sealed record AbiTypedef(string Name, AbiType Type, string CType, SourceLocation Location)
{
    /// <summary>The kernel's documentation of it (<see cref="AbiDoc"/>), or null; never part of the ABI.</summary>
    public string? Doc { get; init; }
}

/// <summary>
/// An object-like macro that clang evaluated to an integer. <see cref="Value"/> is the value in
/// decimal (as the type's signedness reads it); <see cref="Primitive"/> and <see cref="CType"/> are
/// the type clang gave the expression; <see cref="Expansion"/> is the macro's tokens.
/// </summary>
public sealed record AbiMacro(
    string Name,
    string Value,
    string Primitive,
    string CType,
    string Expansion,
    SourceLocation Location)
{
    /// <summary>The kernel's documentation of it (<see cref="AbiDoc"/>), or null; never part of the ABI.</summary>
    public string? Doc { get; init; }
}

public enum IoctlDirection
{
    None,
    Write,
    Read,
    ReadWrite,
}

/// <summary>
/// An ioctl request built with <c>_IO/_IOR/_IOW/_IOWR</c>. <see cref="Request"/> is the number clang
/// folded; direction, type, number and size are decoded from it; <see cref="ArgumentCType"/> is the
/// type named in the macro's tokens and <see cref="ArgumentType"/> its layout shape (null for _IO).
/// </summary>
public sealed record AbiIoctl(
    string Name,
    ulong Request,
    IoctlDirection Direction,
    uint Type,
    uint Number,
    uint Size,
    string? ArgumentCType,
    AbiType? ArgumentType,
    SourceLocation Location)
{
    /// <summary>
    /// The kinds of file descriptor the request is accepted on (<c>system</c>, <c>vm</c>, <c>vcpu</c>, <c>partition</c>,
    /// <c>vp</c>…), sorted; empty when unknown (then it is callable on any descriptor). From the header's section
    /// comments (model attribute <c>kinds=</c>), completed by shipped and user overrides in the generator.
    /// </summary>
    public EquatableArray<string> Kinds { get; init; }

    /// <summary>The kernel's documentation of it (<see cref="AbiDoc"/>), or null; never part of the ABI.</summary>
    public string? Doc { get; init; }
}
