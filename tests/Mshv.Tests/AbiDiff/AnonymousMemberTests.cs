using Mshv.Abi.Diff;
using Xunit;
using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>Members of anonymous structs and unions are compared where C code reaches them: in the parent.</summary>
public sealed class AnonymousMemberTests
{
    [Fact]
    public void Reordering_anonymous_members_changes_nothing_when_no_named_member_moves()
    {
        const string before = """
            union features size=8 align=8 at=t.h:1
              field - bit=0 type=record:features.anon0 c="struct (anonymous)" at=t.h:2
              field as_uint64 bit=0 type=u64 c="__u64" at=t.h:6
            struct features.anon0 size=8 align=8 anonymous at=t.h:2
              field sse3 bit=0 width=1 type=u64 c="__u64" at=t.h:3
              field reserved bit=1 width=63 type=u64 c="__u64" at=t.h:4
            """;
        const string after = """
            union features size=8 align=8 at=t.h:1
              field as_uint64 bit=0 type=u64 c="__u64" at=t.h:2
              field - bit=0 type=record:features.anon1 c="struct (anonymous)" at=t.h:3
            struct features.anon1 size=8 align=8 anonymous at=t.h:3
              field sse3 bit=0 width=1 type=u64 c="__u64" at=t.h:4
              field reserved bit=1 width=63 type=u64 c="__u64" at=t.h:5
            """;

        Assert.Empty(Diff(before, after).Changes);
    }

    [Fact]
    public void Bitfield_moved_inside_an_anonymous_struct_is_reported_on_the_parent()
    {
        const string before = """
            union features size=8 align=8 at=t.h:1
              field - bit=0 type=record:features.anon0 c="struct (anonymous)" at=t.h:2
            struct features.anon0 size=8 align=8 anonymous at=t.h:2
              field sse3 bit=0 width=1 type=u64 c="__u64" at=t.h:3
              field avx bit=1 width=1 type=u64 c="__u64" at=t.h:4
            """;
        string after = before.Replace("field avx bit=1", "field avx bit=2");

        AbiChange change = Single(Diff(before, after), ChangeSeverity.Breaking, AbiChangeKind.BitfieldMoved, "field features.avx");
        Assert.Equal("moved from bit 1 to bit 2", change.Message);
    }

    [Fact]
    public void Offsets_of_an_anonymous_member_add_to_its_members()
    {
        const string before = """
            struct msg size=16 align=8 at=t.h:1
              field type bit=0 type=u32 c="__u32" at=t.h:2
              field - bit=64 type=record:msg.anon0 c="union (anonymous)" at=t.h:3
            union msg.anon0 size=8 align=8 anonymous at=t.h:3
              field port bit=0 type=u16 c="__u16" at=t.h:4
              field gpa bit=0 type=u64 c="__u64" at=t.h:5
            """;
        string after = before.Replace("field - bit=64", "field - bit=32").Replace("size=16 align=8 at=t.h:1", "size=12 align=4 at=t.h:1").Replace("size=8 align=8 anonymous", "size=8 align=4 anonymous");

        AbiDiffReport report = Diff(before, after);

        AbiChange port = Find(report, ChangeSeverity.Breaking, AbiChangeKind.FieldMoved, "field msg.port");
        Assert.Equal("moved from byte 8 to byte 4", port.Message);
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.FieldMoved, "field msg.gpa");
    }

    [Fact]
    public void Wrapping_a_member_in_an_anonymous_union_with_an_alias_only_adds_the_alias()
    {
        const string before = """
            struct regs size=8 align=8 at=t.h:1
              field rip bit=0 type=u64 c="__u64" at=t.h:2
            """;
        const string after = """
            struct regs size=8 align=8 at=t.h:1
              field - bit=0 type=record:regs.anon0 c="union (anonymous)" at=t.h:2
            union regs.anon0 size=8 align=8 anonymous at=t.h:2
              field rip bit=0 type=u64 c="__u64" at=t.h:3
              field pc bit=0 type=u64 c="__u64" at=t.h:4
            """;

        Single(Diff(before, after), ChangeSeverity.Compatible, AbiChangeKind.FieldAdded, "field regs.pc");
    }

    [Fact]
    public void Unnamed_records_are_matched_by_their_C_path_not_the_scanner_name()
    {
        const string before = """
            struct run size=16 align=8 at=t.h:1
              field reason bit=0 type=u32 c="__u32" at=t.h:2
              field - bit=64 type=record:run.anon0 c="union (anonymous)" at=t.h:3
            union run.anon0 size=8 align=4 anonymous at=t.h:3
              field io bit=0 type=record:run.anon0.io c="struct (unnamed)" at=t.h:4
            struct run.anon0.io size=8 align=4 at=t.h:4
              field port bit=0 type=u16 c="__u16" at=t.h:5
              field size bit=32 type=u32 c="__u32" at=t.h:6
            """;
        string after = before.Replace("anon0", "anon1").Replace("field size bit=32", "field size bit=16");

        AbiDiffReport report = Diff(before, after);

        Single(report, ChangeSeverity.Breaking, AbiChangeKind.FieldMoved, "field run.io.size");
    }
}
