using Mshv.Abi.Diff;
using Xunit;
using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

public sealed class RecordChangeTests
{
    private const string Pair = """
        struct pair size=8 align=4 at=t.h:1
          field a bit=0 type=u32 c="__u32" at=t.h:2
          field b bit=32 type=u32 c="__u32" at=t.h:3
        """;

    [Fact]
    public void Identical_models_have_no_changes()
    {
        const string model = Pair + """

            union features size=8 align=8 at=t.h:5
              field - bit=0 type=record:features.anon0 c="struct (anonymous)" at=t.h:6
              field as_uint64 bit=0 type=u64 c="__u64" at=t.h:10
            struct features.anon0 size=8 align=8 anonymous at=t.h:6
              field sse3 bit=0 width=1 type=u64 c="__u64" at=t.h:7
              field reserved bit=1 width=63 type=u64 c="__u64" at=t.h:8
            enum colour underlying=u32 at=t.h:12
              const RED value=0
            macro MSHV_IOCTL value=184 type=i32 c="int" at=t.h:20 expansion="0xB8"
            ioctl MSHV_GET_PAIR request=0x8008b800 dir=read type=0xb8 nr=0x0 size=8 arg="struct pair" argtype=record:pair at=t.h:21
            """;

        AbiDiffReport report = Diff(model, model);

        Assert.Empty(report.Changes);
        Assert.False(report.HasBreaking);
    }

    [Fact]
    public void Removed_record_is_breaking()
    {
        AbiDiffReport report = Diff(Pair, string.Empty);

        AbiChange change = Single(report, ChangeSeverity.Breaking, AbiChangeKind.RecordRemoved, "struct pair");
        Assert.Equal("t.h:1", change.OldLocation?.ToString());
        Assert.Null(change.NewLocation);
        Assert.True(report.HasBreaking);
    }

    [Fact]
    public void New_record_is_compatible()
    {
        AbiDiffReport report = Diff(string.Empty, Pair);

        Single(report, ChangeSeverity.Compatible, AbiChangeKind.RecordAdded, "struct pair");
        Assert.False(report.HasBreaking);
    }

    [Fact]
    public void Size_change_is_breaking()
    {
        string grown = Pair.Replace("size=8", "size=16");

        AbiChange change = Single(Diff(Pair, grown), ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct pair");
        Assert.Contains("grew from 8 bytes to 16 bytes", change.Message);
    }

    [Fact]
    public void Alignment_change_is_breaking()
    {
        string realigned = Pair.Replace("align=4", "align=8");

        Single(Diff(Pair, realigned), ChangeSeverity.Breaking, AbiChangeKind.RecordAlignmentChanged, "struct pair");
    }

    [Fact]
    public void Packing_change_is_breaking()
    {
        string packed = Pair.Replace("align=4 at", "align=4 packed at");

        AbiChange change = Single(Diff(Pair, packed), ChangeSeverity.Breaking, AbiChangeKind.RecordPackingChanged, "struct pair");
        Assert.Equal("is now packed", change.Message);
    }

    [Fact]
    public void Struct_becoming_union_is_breaking_when_old_members_now_overlap()
    {
        const string two = """
            struct two size=8 align=4 at=t.h:1
              field a bit=0 type=u32 c="__u32" at=t.h:2
              field b bit=32 type=u32 c="__u32" at=t.h:3
            """;
        string union = two.Replace("struct two size=8", "union two size=4").Replace("field b bit=32", "field b bit=0");

        AbiDiffReport report = Diff(two, union);

        Find(report, ChangeSeverity.Breaking, AbiChangeKind.RecordKindChanged, "union two");
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.FieldMoved, "field two.b");
    }

    [Fact]
    public void Struct_of_one_member_becoming_union_keeps_its_layout_and_is_compatible()
    {
        const string single = """
            struct one size=4 align=4 at=t.h:1
              field a bit=0 type=u32 c="__u32" at=t.h:2
            """;

        AbiDiffReport report = Diff(single, single.Replace("struct one", "union one"));

        Single(report, ChangeSeverity.Compatible, AbiChangeKind.RecordKindKeptLayout, "union one");
    }

    [Fact]
    public void Different_target_is_breaking()
    {
        AbiDiffReport report = AbiDiff.Compare(Parse(Pair), Parse(Pair, "aarch64-unknown-linux-gnu"));

        AbiChange change = Single(report, ChangeSeverity.Breaking, AbiChangeKind.TargetChanged, "target");
        Assert.Contains("aarch64-unknown-linux-gnu", change.Message);
    }

    [Fact]
    public void Source_lines_alone_are_not_a_change()
    {
        string moved = Pair.Replace("t.h:", "t.h:1");

        Assert.Empty(Diff(Pair, moved).Changes);
    }
}
