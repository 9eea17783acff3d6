using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>
/// What one kind of change means: its severity, when it is reported, and what it does to the C# that the
/// generator emits (null when the generated API keeps its names and types).
/// </summary>
public sealed record ChangeKindRule(string Kind, ChangeSeverity Severity, string When, string? GeneratedApiEffect);

/// <summary>
/// The one place that decides how severe each kind of change is (as cargo-semver-checks declares each lint's
/// version bump): comparers say only what changed (<see cref="AbiChangeKind"/>), never how bad it is.
/// </summary>
public static class ChangeKindTable
{
    private const ChangeSeverity Breaking = ChangeSeverity.Breaking;
    private const ChangeSeverity Compatible = ChangeSeverity.Compatible;

    public static IReadOnlyList<ChangeKindRule> All { get; } = new ChangeKindRule[]
    {
        new(AbiChangeKind.TargetChanged, Breaking, "the models were computed for different target triples (they share none)", null),
        new(AbiChangeKind.TargetDropped, Breaking, "a model of several targets (also=) no longer serves one of them", "the types throw PlatformNotSupportedException on it"),
        new(AbiChangeKind.RecordRemoved, Breaking, "a tagged record went away", "the struct is no longer generated"),
        new(AbiChangeKind.RecordSizeChanged, Breaking, "a record's size changed (and no kernel-aware rule below explains it)", null),
        new(AbiChangeKind.RecordAlignmentChanged, Breaking, "a record's alignment changed", null),
        new(AbiChangeKind.RecordPackingChanged, Breaking, "a record became packed or stopped being packed", null),
        new(AbiChangeKind.RecordKindChanged, Breaking, "struct became union or back, and old members now overlap or no longer do", null),
        new(AbiChangeKind.FieldRemoved, Breaking, "a non-reserved member went away (a rename is a removal)", "the member is no longer generated"),
        new(AbiChangeKind.FieldMoved, Breaking, "a member's offset changed", null),
        new(AbiChangeKind.FieldResized, Breaking, "array dimensions or bitfield/whole changed", "the member's C# type changes"),
        new(AbiChangeKind.FieldRetyped, Breaking, "another primitive or record layout", "the member's C# type changes"),
        new(AbiChangeKind.FieldSignednessChanged, Breaking, "a same-size integer of the other signedness", "the member's C# type changes"),
        new(AbiChangeKind.BitfieldMoved, Breaking, "a bitfield's bit offset changed", null),
        new(AbiChangeKind.BitfieldResized, Breaking, "a bitfield's width changed", null),
        new(AbiChangeKind.EnumRemoved, Breaking, "a named enum went away", "the C# enum is no longer generated"),
        new(AbiChangeKind.EnumUnderlyingChanged, Breaking, "an enum's underlying integer changed", "the C# enum's underlying type changes"),
        new(AbiChangeKind.EnumConstantValueChanged, Breaking, "an enum constant that is not a count or sentinel changed value", null),
        new(AbiChangeKind.EnumConstantRemoved, Breaking, "an enum constant went away", "the enum member is no longer generated"),
        new(AbiChangeKind.TypedefRetyped, Breaking, "a typedef now names another layout", null),
        new(AbiChangeKind.MacroValueChanged, Breaking, "a macro that is not a count or sentinel changed value", null),
        new(AbiChangeKind.MacroTypeChanged, Breaking, "clang's type of a macro's value changed", "the constant's C# type changes"),
        new(AbiChangeKind.MacroRemoved, Breaking, "a macro went away", "the constant is no longer generated"),
        new(AbiChangeKind.IoctlRequestChanged, Breaking, "an ioctl's request number changed (the message decodes which part)", null),
        new(AbiChangeKind.IoctlArgumentChanged, Breaking, "an ioctl's argument has another layout", "the typed ioctl's argument type changes"),
        new(AbiChangeKind.IoctlRemoved, Breaking, "an ioctl went away", "the request constant and its typed ioctl are no longer generated"),
        new(AbiChangeKind.IoctlNumberReused, Breaking, "a request number the old headers gave one ioctl now belongs to another name or argument", null),
        new(AbiChangeKind.RequestBuilderRemoved, Breaking, "a request builder (a function-like ioctl macro such as `EVIOCGNAME(len)`) went away",
            "its request method and typed form are no longer generated"),
        new(AbiChangeKind.RequestBuilderChanged, Breaking,
            "a request builder computes other requests for the same arguments, or takes another number of them (the message says which field)",
            "the request method returns other numbers (or takes other parameters)"),
        new(AbiChangeKind.RequestBuilderArgumentChanged, Breaking, "the argument type a request builder's body names has another layout",
            "the typed form's argument type changes"),

        new(AbiChangeKind.TargetAdded, Compatible, "the same types now also serve another target (also=)", null),
        new(AbiChangeKind.RecordAdded, Compatible, "a new record", null),
        new(AbiChangeKind.NestedRecordGrew, Compatible, "an unnamed record (not an array element) grew while its parent kept its size", null),
        new(AbiChangeKind.RecordGrewInsideFixedUnion, Compatible, "a record grew, but every use of it is inside a union that kept its size (a padded header)", null),
        new(AbiChangeKind.ExtensibleRecordGrew, Compatible, "a struct the kernel copies by declared size (a size first member, or *_SIZE_VER* macros) grew at its end", null),
        new(AbiChangeKind.FlexibleArrayMadeReal, Compatible, "a trailing fake flexible array ([0] or [1]) became a real one ([])", "the member's C# type may change (inline array to span accessor)"),
        new(AbiChangeKind.RecordKindKeptLayout, Compatible, "struct became union or back with the same size, every old member keeping its bytes", null),
        new(AbiChangeKind.FieldAdded, Compatible, "a new member (a member past the old end comes with the size change)", null),
        new(AbiChangeKind.FieldAddedInPadding, Compatible, "a new member in former padding; old callers may leave garbage there", null),
        new(AbiChangeKind.ReservedBitsNamed, Compatible, "a new member in bits that were a reserved*/rsvd*/pad*/unused* member", null),
        new(AbiChangeKind.ReservedFieldChanged, Compatible, "a reserved member narrowed, reshaped, renamed or dropped within its old bits", "the reserved member's C# name or type changes"),
        new(AbiChangeKind.FieldTypeSpellingChanged, Compatible, "same layout under another spelling",
            "the member's C# type changes when the spelling names another enum or record (same bytes, another type)"),
        new(AbiChangeKind.EnumAdded, Compatible, "a new enum", null),
        new(AbiChangeKind.EnumConstantAdded, Compatible, "a new enum constant", null),
        new(AbiChangeKind.EnumConstantMoved, Compatible, "an enum constant moved to another enum with the same value", "the member moves to another C# enum"),
        new(AbiChangeKind.SentinelChanged, Compatible, "a count or sentinel (*_COUNT, *_MAX, *_NR, *_LAST, or a last enumerator named as a count and equal to the number of others) changed value", null),
        new(AbiChangeKind.TypedefAdded, Compatible, "a new typedef", null),
        new(AbiChangeKind.TypedefRemoved, Compatible, "a typedef name went away; members that used it report their own changes", null),
        new(AbiChangeKind.TypedefSpellingChanged, Compatible, "a typedef names the same layout under another spelling", null),
        new(AbiChangeKind.MacroAdded, Compatible, "a new macro", null),
        new(AbiChangeKind.MacroTypeSpellingChanged, Compatible, "a macro's type is spelled differently, same primitive", null),
        new(AbiChangeKind.MacroExpansionChanged, Compatible, "same value and type, written differently", null),
        new(AbiChangeKind.IoctlAdded, Compatible, "a new ioctl", null),
        new(AbiChangeKind.IoctlArgumentSpellingChanged, Compatible, "an ioctl's argument has the same layout under another spelling", null),
        new(AbiChangeKind.RequestBuilderAdded, Compatible, "a new request builder", null),
        new(AbiChangeKind.RequestBuilderSpellingChanged, Compatible,
            "a request builder written differently (body, parameter names, argument spelling) computing the same requests with the same argument layout",
            null),
    };

    private static readonly Dictionary<string, ChangeKindRule> ByKind = All.ToDictionary(r => r.Kind, StringComparer.Ordinal);

    /// <summary>The rule of <paramref name="kind"/>; an unknown kind is a bug in a comparer, not in the input.</summary>
    public static ChangeKindRule Of(string kind) =>
        ByKind.TryGetValue(kind, out ChangeKindRule? rule) ? rule : throw new ArgumentException("no severity is declared for change kind '" + kind + "'", nameof(kind));

    public static ChangeSeverity SeverityOf(string kind) => Of(kind).Severity;
}
