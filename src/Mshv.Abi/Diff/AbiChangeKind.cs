namespace Mshv.Abi.Diff;

/// <summary>
/// The stable codes of <see cref="AbiChange.Kind"/>. Tools may filter on them, so a code is never
/// renamed or reused; new kinds are added. The severity of each is declared once, in <see cref="ChangeKindTable"/>.
/// </summary>
public static class AbiChangeKind
{
    // Breaking (see ChangeKindTable).
    public const string TargetChanged = "target-changed";
    public const string TargetDropped = "target-dropped";
    public const string RecordRemoved = "record-removed";
    public const string RecordSizeChanged = "record-size-changed";
    public const string RecordAlignmentChanged = "record-alignment-changed";
    public const string RecordPackingChanged = "record-packing-changed";
    public const string RecordKindChanged = "record-kind-changed";
    public const string FieldRemoved = "field-removed";
    public const string FieldMoved = "field-moved";
    public const string FieldResized = "field-resized";
    public const string FieldRetyped = "field-retyped";
    public const string FieldSignednessChanged = "field-signedness-changed";
    public const string BitfieldMoved = "bitfield-moved";
    public const string BitfieldResized = "bitfield-resized";
    public const string EnumRemoved = "enum-removed";
    public const string EnumUnderlyingChanged = "enum-underlying-changed";
    public const string EnumConstantValueChanged = "enum-constant-value-changed";
    public const string EnumConstantRemoved = "enum-constant-removed";
    public const string TypedefRetyped = "typedef-retyped";
    public const string MacroValueChanged = "macro-value-changed";
    public const string MacroTypeChanged = "macro-type-changed";
    public const string MacroRemoved = "macro-removed";
    public const string IoctlRequestChanged = "ioctl-request-changed";
    public const string IoctlArgumentChanged = "ioctl-argument-changed";
    public const string IoctlRemoved = "ioctl-removed";
    public const string IoctlNumberReused = "ioctl-number-reused";
    public const string RequestBuilderRemoved = "ioctl-builder-removed";
    public const string RequestBuilderChanged = "ioctl-builder-request-changed";
    public const string RequestBuilderArgumentChanged = "ioctl-builder-argument-changed";

    // Compatible (see ChangeKindTable).
    public const string TargetAdded = "target-added";
    public const string RecordAdded = "record-added";
    public const string NestedRecordGrew = "nested-record-grew";
    public const string RecordGrewInsideFixedUnion = "record-grew-inside-fixed-union";
    public const string ExtensibleRecordGrew = "extensible-record-grew";
    public const string FlexibleArrayMadeReal = "flexible-array-made-real";
    public const string SentinelChanged = "sentinel-changed";
    public const string RecordKindKeptLayout = "record-kind-changed-layout-kept";
    public const string FieldAdded = "field-added";
    public const string FieldAddedInPadding = "field-added-in-padding";
    public const string ReservedBitsNamed = "reserved-bits-named";
    public const string ReservedFieldChanged = "reserved-field-changed";
    public const string FieldTypeSpellingChanged = "field-type-spelling-changed";
    public const string EnumAdded = "enum-added";
    public const string EnumConstantAdded = "enum-constant-added";
    public const string EnumConstantMoved = "enum-constant-moved";
    public const string TypedefAdded = "typedef-added";
    public const string TypedefRemoved = "typedef-removed";
    public const string TypedefSpellingChanged = "typedef-spelling-changed";
    public const string MacroAdded = "macro-added";
    public const string MacroTypeSpellingChanged = "macro-type-spelling-changed";
    public const string MacroExpansionChanged = "macro-expansion-changed";
    public const string IoctlAdded = "ioctl-added";
    public const string IoctlArgumentSpellingChanged = "ioctl-argument-spelling-changed";
    public const string RequestBuilderAdded = "ioctl-builder-added";
    public const string RequestBuilderSpellingChanged = "ioctl-builder-spelling-changed";
}
