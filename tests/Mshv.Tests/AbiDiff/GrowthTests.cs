using Mshv.Abi.Diff;
using Xunit;
using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>How a record may grow: past its end (the size change breaks), into padding, or into reserved bits.</summary>
public sealed class GrowthTests
{
    private const string Privileges = """
        union privileges size=8 align=8 at=t.h:1
          field as_uint64 bit=0 type=u64 c="__u64" at=t.h:2
          field - bit=0 type=record:privileges.anon0 c="struct (anonymous)" at=t.h:3
        struct privileges.anon0 size=8 align=8 anonymous at=t.h:3
          field hypervisor_present bit=0 width=1 type=u64 c="__u64" at=t.h:4
          field reserved_z1 bit=1 width=1 type=u64 c="__u64" at=t.h:5
          field reserved bit=2 width=62 type=u64 c="__u64" at=t.h:6
        """;

    [Fact]
    public void Member_appended_past_the_end_is_compatible_but_the_growth_breaks()
    {
        const string before = """
            struct args size=8 align=8 at=t.h:1
              field flags bit=0 type=u64 c="__u64" at=t.h:2
            """;
        string after = before.Replace("size=8", "size=16") + "\n  field extra bit=64 type=u64 c=\"__u64\" at=t.h:3";

        AbiDiffReport report = Diff(before, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct args"),
                (ChangeSeverity.Compatible, AbiChangeKind.FieldAdded, "field args.extra"),
            },
            Summary(report));
        Assert.Contains("new: extra at byte 8", report.Changes[0].Message);
    }

    [Fact]
    public void Flexible_array_added_at_the_end_is_compatible()
    {
        const string before = """
            struct msg size=8 align=8 at=t.h:1
              field count bit=0 type=u64 c="__u64" at=t.h:2
            """;
        string after = before + "\n  field entries bit=64 type=u64[0] c=\"__u64[]\" at=t.h:3";

        AbiChange change = Single(Diff(before, after), ChangeSeverity.Compatible, AbiChangeKind.FieldAdded, "field msg.entries");
        Assert.Contains("occupying no bytes", change.Message);
    }

    [Fact]
    public void Unnamed_exit_struct_growing_into_its_union_padding_is_compatible()
    {
        const string before = """
            struct run size=264 align=8 at=t.h:1
              field exit_reason bit=0 type=u32 c="__u32" at=t.h:2
              field - bit=64 type=record:run.anon0 c="union {...}" at=t.h:3
            union run.anon0 size=256 align=8 anonymous at=t.h:3
              field hw bit=0 type=record:run.anon0.hw c="struct {...}" at=t.h:4
              field padding bit=0 type=u8[256] c="char[256]" at=t.h:9
            struct run.anon0.hw size=8 align=8 at=t.h:4
              field hardware_exit_reason bit=0 type=u64 c="__u64" at=t.h:5
            """;
        string after = before
            .Replace("struct run.anon0.hw size=8", "struct run.anon0.hw size=16")
            + "\n  field hardware_exit_qual bit=64 type=u64 c=\"__u64\" at=t.h:6";

        AbiDiffReport report = Diff(before, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Compatible, AbiChangeKind.NestedRecordGrew, "struct run.hw"),
                (ChangeSeverity.Compatible, AbiChangeKind.FieldAdded, "field run.hw.hardware_exit_qual"),
            },
            Summary(report));
    }

    [Fact]
    public void Unnamed_struct_growing_as_an_array_element_is_breaking()
    {
        const string before = """
            union slots size=64 align=4 at=t.h:1
              field entry bit=0 type=record:slots.entry[2] c="struct {...}[2]" at=t.h:2
              field pad bit=0 type=u8[64] c="__u8[64]" at=t.h:5
            struct slots.entry size=4 align=4 at=t.h:2
              field a bit=0 type=u32 c="__u32" at=t.h:3
            """;
        string after = before.Replace("struct slots.entry size=4", "struct slots.entry size=8")
            + "\n  field b bit=32 type=u32 c=\"__u32\" at=t.h:4";

        AbiDiffReport report = Diff(before, after);

        Find(report, ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct slots.entry");
        Assert.True(report.HasBreaking);
    }

    [Fact]
    public void Member_added_in_padding_is_compatible_with_a_caveat()
    {
        const string before = """
            struct args size=16 align=8 at=t.h:1
              field flags bit=0 type=u32 c="__u32" at=t.h:2
              field addr bit=64 type=u64 c="__u64" at=t.h:3
            """;
        string after = before.Replace("  field addr", "  field vp bit=32 type=u32 c=\"__u32\" at=t.h:3\n  field addr");

        AbiChange change = Single(Diff(before, after), ChangeSeverity.Compatible, AbiChangeKind.FieldAddedInPadding, "field args.vp");
        Assert.Contains("garbage", change.Message);
    }

    [Fact]
    public void Reserved_bits_given_a_name_are_compatible()
    {
        string named = Privileges.Replace("field reserved_z1 bit=1", "field access_vsm bit=1");

        AbiChange change = Single(Diff(Privileges, named), ChangeSeverity.Compatible, AbiChangeKind.ReservedBitsNamed, "field privileges.access_vsm");
        Assert.Contains("reserved_z1", change.Message);
    }

    [Fact]
    public void Narrowing_a_reserved_bitfield_to_make_room_for_a_new_one_is_compatible()
    {
        string grown = Privileges.Replace(
            "  field reserved bit=2 width=62",
            "  field fast_hypercall_output bit=2 width=1 type=u64 c=\"__u64\" at=t.h:6\n  field reserved bit=3 width=61");

        AbiChange change = Single(Diff(Privileges, grown), ChangeSeverity.Compatible, AbiChangeKind.ReservedBitsNamed, "field privileges.fast_hypercall_output");
        Assert.Contains("formerly part of reserved)", change.Message);
    }

    [Fact]
    public void Reserved_member_removed_without_a_replacement_is_compatible()
    {
        string removed = Privileges.Replace("  field reserved_z1 bit=1 width=1 type=u64 c=\"__u64\" at=t.h:5\n", string.Empty);

        Single(Diff(Privileges, removed), ChangeSeverity.Compatible, AbiChangeKind.ReservedFieldChanged, "field privileges.reserved_z1");
    }

    [Fact]
    public void Reserved_member_renamed_is_compatible()
    {
        string renamed = Privileges.Replace("field reserved_z1 bit=1", "field rsvd1 bit=1");

        AbiChange change = Single(Diff(Privileges, renamed), ChangeSeverity.Compatible, AbiChangeKind.ReservedFieldChanged, "field privileges.rsvd1");
        Assert.Contains("formerly part of reserved_z1", change.Message);
    }

    [Fact]
    public void Reserved_member_reshaped_over_the_same_bits_is_compatible()
    {
        const string before = """
            struct args size=8 align=4 at=t.h:1
              field flags bit=0 type=u32 c="__u32" at=t.h:2
              field rsvd bit=32 type=u32 c="__u32" at=t.h:3
            """;
        string after = before.Replace("field rsvd bit=32 type=u32 c=\"__u32\"", "field rsvd bit=32 type=u8[4] c=\"__u8[4]\"");

        Single(Diff(before, after), ChangeSeverity.Compatible, AbiChangeKind.ReservedFieldChanged, "field args.rsvd");
    }

    [Fact]
    public void Reserved_member_that_grows_past_its_bits_is_treated_like_any_member()
    {
        const string before = """
            struct args size=8 align=4 at=t.h:1
              field pad1 bit=0 type=u32 c="__u32" at=t.h:2
              field flags bit=32 type=u32 c="__u32" at=t.h:3
            """;
        string after = before.Replace("field pad1 bit=0 type=u32 c=\"__u32\"", "field pad1 bit=0 type=u64 c=\"__u64\"").Replace("field flags bit=32", "field flags bit=64").Replace("size=8", "size=12");

        AbiDiffReport report = Diff(before, after);

        Find(report, ChangeSeverity.Breaking, AbiChangeKind.FieldRetyped, "field args.pad1");
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.FieldMoved, "field args.flags");
    }
}
