using Mshv.Abi.Diff;
using Xunit;
using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

public sealed class FieldChangeTests
{
    private const string Regs = """
        struct regs size=16 align=8 at=t.h:1
          field flags bit=0 type=u32 c="__u32" at=t.h:2
          field mode bit=32 width=3 type=u32 c="__u32" at=t.h:3
          field count bit=64 type=u16 c="__u16" at=t.h:4
          field ids bit=80 type=u8[2] c="__u8[2]" at=t.h:5
        """;

    [Fact]
    public void Removed_field_is_breaking()
    {
        string without = Regs.Replace("  field count bit=64 type=u16 c=\"__u16\" at=t.h:4\n", string.Empty);

        AbiChange change = Single(Diff(Regs, without), ChangeSeverity.Breaking, AbiChangeKind.FieldRemoved, "field regs.count");
        Assert.Equal("t.h:4", change.OldLocation?.ToString());
    }

    [Fact]
    public void Renamed_field_is_breaking_and_says_where_the_bits_went()
    {
        string renamed = Regs.Replace("field count", "field total");

        AbiDiffReport report = Diff(Regs, renamed);

        AbiChange removed = Find(report, ChangeSeverity.Breaking, AbiChangeKind.FieldRemoved, "field regs.count");
        Assert.Contains("now named total", removed.Message);
        Find(report, ChangeSeverity.Compatible, AbiChangeKind.FieldAdded, "field regs.total");
        Assert.True(report.HasBreaking);
    }

    [Fact]
    public void Moved_field_is_breaking()
    {
        string moved = Regs.Replace("field count bit=64", "field count bit=96");

        AbiChange change = Single(Diff(Regs, moved), ChangeSeverity.Breaking, AbiChangeKind.FieldMoved, "field regs.count");
        Assert.Equal("moved from byte 8 to byte 12", change.Message);
    }

    [Fact]
    public void Moved_bitfield_is_breaking()
    {
        string moved = Regs.Replace("field mode bit=32", "field mode bit=35");

        AbiChange change = Single(Diff(Regs, moved), ChangeSeverity.Breaking, AbiChangeKind.BitfieldMoved, "field regs.mode");
        Assert.Equal("moved from bits 32..34 to bits 35..37", change.Message);
    }

    [Fact]
    public void Bitfield_width_change_is_breaking()
    {
        string wider = Regs.Replace("width=3", "width=4");

        Single(Diff(Regs, wider), ChangeSeverity.Breaking, AbiChangeKind.BitfieldResized, "field regs.mode");
    }

    [Fact]
    public void Bitfield_becoming_a_whole_member_is_breaking()
    {
        string whole = Regs.Replace("field mode bit=32 width=3", "field mode bit=32");

        Single(Diff(Regs, whole), ChangeSeverity.Breaking, AbiChangeKind.FieldResized, "field regs.mode");
    }

    [Fact]
    public void Array_dimension_change_is_breaking()
    {
        string longer = Regs.Replace("type=u8[2] c=\"__u8[2]\"", "type=u8[3] c=\"__u8[3]\"");

        AbiChange change = Single(Diff(Regs, longer), ChangeSeverity.Breaking, AbiChangeKind.FieldResized, "field regs.ids");
        Assert.Contains("[2] to [3]", change.Message);
    }

    [Fact]
    public void Primitive_change_is_breaking()
    {
        // Same size, so the changed model stays consistent (a wider count would overlap ids, which the reader rejects).
        string retyped = Regs.Replace("field flags bit=0 type=u32 c=\"__u32\"", "field flags bit=0 type=f32 c=\"float\"");

        Single(Diff(Regs, retyped), ChangeSeverity.Breaking, AbiChangeKind.FieldRetyped, "field regs.flags");
    }

    [Fact]
    public void Signedness_change_is_breaking()
    {
        string signed = Regs.Replace("field flags bit=0 type=u32 c=\"__u32\"", "field flags bit=0 type=i32 c=\"__s32\"");

        AbiChange change = Single(Diff(Regs, signed), ChangeSeverity.Breaking, AbiChangeKind.FieldSignednessChanged, "field regs.flags");
        Assert.Contains("__u32 -> __s32", change.Message);
    }

    [Fact]
    public void Same_type_under_another_spelling_is_compatible()
    {
        string respelled = Regs.Replace("field flags bit=0 type=u32 c=\"__u32\"", "field flags bit=0 type=u32 c=\"uint32_t\"");

        Single(Diff(Regs, respelled), ChangeSeverity.Compatible, AbiChangeKind.FieldTypeSpellingChanged, "field regs.flags");
    }

    [Fact]
    public void Integer_typed_by_an_enum_of_the_same_width_is_compatible()
    {
        string enumTyped = Regs.Replace("field flags bit=0 type=u32 c=\"__u32\"", "field flags bit=0 type=u32 enum=regs_flags c=\"enum regs_flags\"");

        Single(Diff(Regs, enumTyped), ChangeSeverity.Compatible, AbiChangeKind.FieldTypeSpellingChanged, "field regs.flags");
    }

    [Fact]
    public void Member_record_with_another_layout_is_breaking()
    {
        const string before = """
            struct inner size=4 align=4 at=t.h:1
              field x bit=0 type=u32 c="__u32" at=t.h:2
            struct other size=8 align=8 at=t.h:3
              field y bit=0 type=u64 c="__u64" at=t.h:4
            struct outer size=8 align=8 at=t.h:5
              field in bit=0 type=record:inner c="struct inner" at=t.h:6
            """;
        string after = before.Replace("field in bit=0 type=record:inner c=\"struct inner\"", "field in bit=0 type=record:other c=\"struct other\"");

        AbiDiffReport report = Diff(before, after);

        Single(report, ChangeSeverity.Breaking, AbiChangeKind.FieldRetyped, "field outer.in");
    }

    [Fact]
    public void Member_record_renamed_with_the_same_layout_is_compatible()
    {
        const string before = """
            struct inner size=4 align=4 at=t.h:1
              field x bit=0 type=u32 c="__u32" at=t.h:2
            struct outer size=4 align=4 at=t.h:5
              field in bit=0 type=record:inner c="struct inner" at=t.h:6
            """;
        string after = before.Replace("inner", "inner_v2");

        AbiDiffReport report = Diff(before, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Breaking, AbiChangeKind.RecordRemoved, "struct inner"),
                (ChangeSeverity.Compatible, AbiChangeKind.RecordAdded, "struct inner_v2"),
                (ChangeSeverity.Compatible, AbiChangeKind.FieldTypeSpellingChanged, "field outer.in"),
            },
            Summary(report));
    }

    [Fact]
    public void Changes_inside_an_embedded_record_are_reported_once_on_that_record()
    {
        const string before = """
            struct inner size=4 align=4 at=t.h:1
              field x bit=0 type=u32 c="__u32" at=t.h:2
            struct outer size=4 align=4 at=t.h:5
              field in bit=0 type=record:inner c="struct inner" at=t.h:6
            """;
        string after = before.Replace("field x bit=0 type=u32 c=\"__u32\"", "field x bit=0 type=i32 c=\"__s32\"");

        AbiDiffReport report = Diff(before, after);

        Single(report, ChangeSeverity.Breaking, AbiChangeKind.FieldSignednessChanged, "field inner.x");
    }
}
