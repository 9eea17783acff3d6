using System;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Mshv.Scanner;
using Xunit;
using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>
/// The change classes again, on models the scanner builds from tiny headers: every size, offset and
/// request number comes from clang, and the tests assert only what kind of change the edit is.
/// </summary>
public sealed class AbiDiffScannedHeaderTests
{
    [Fact]
    public void Identical_headers_have_no_changes()
    {
        const string header = """
            struct args { __u32 flags; __u64 gpa; };
            union features { struct { __u64 a:1; __u64 reserved:63; }; __u64 as_uint64; };
            enum state { STATE_OFF, STATE_ON };
            #define ARGS_IOCTL _IOW(0xB8, 0x01, struct args)
            """;

        Assert.Empty(ScanDiff(header, header).Changes);
    }

    [Fact]
    public void Appending_a_member_grows_the_struct_and_renumbers_its_ioctl()
    {
        const string before = """
            struct args { __u64 flags; };
            #define ARGS_IOCTL _IOW(0xB8, 0x01, struct args)
            """;
        string after = before.Replace("__u64 flags; }", "__u64 flags; __u64 extra; }");

        AbiDiffReport report = ScanDiff(before, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct args"),
                (ChangeSeverity.Breaking, AbiChangeKind.IoctlRequestChanged, "ioctl ARGS_IOCTL"),
                (ChangeSeverity.Compatible, AbiChangeKind.FieldAdded, "field args.extra"),
            },
            Summary(report));
        Assert.Contains("_IOW encodes sizeof(struct args)", report.Changes[1].Message);
    }

    [Fact]
    public void Inserting_a_member_moves_the_members_after_it()
    {
        const string before = "struct args { __u32 flags; __u32 vp; __u64 gpa; };";
        string after = before.Replace("__u32 flags;", "__u32 flags; __u64 id;");

        AbiDiffReport report = ScanDiff(before, after);

        Find(report, ChangeSeverity.Breaking, AbiChangeKind.FieldMoved, "field args.vp");
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.FieldMoved, "field args.gpa");
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct args");
    }

    [Fact]
    public void Widening_a_bitfield_resizes_it_and_moves_its_neighbour()
    {
        const string before = "struct bits { __u32 a:3; __u32 b:5; };";
        string after = before.Replace("a:3", "a:4");

        AbiDiffReport report = ScanDiff(before, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Breaking, AbiChangeKind.BitfieldResized, "field bits.a"),
                (ChangeSeverity.Breaking, AbiChangeKind.BitfieldMoved, "field bits.b"),
            },
            Summary(report));
    }

    [Fact]
    public void Changing_signedness_is_breaking()
    {
        const string before = "struct s { __u32 value; };";

        Single(ScanDiff(before, before.Replace("__u32", "__s32")), ChangeSeverity.Breaking, AbiChangeKind.FieldSignednessChanged, "field s.value");
    }

    [Fact]
    public void Packing_a_struct_is_breaking()
    {
        const string before = "struct s { __u8 tag; __u64 value; };";
        string after = before.Replace("};", "} __attribute__((packed));");

        AbiDiffReport report = ScanDiff(before, after);

        Find(report, ChangeSeverity.Breaking, AbiChangeKind.RecordPackingChanged, "struct s");
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.FieldMoved, "field s.value");
    }

    [Fact]
    public void Naming_reserved_bits_is_the_only_change_and_compatible()
    {
        const string before = "union features { struct { __u64 a:1; __u64 reserved:63; }; __u64 as_uint64; };";
        string after = before.Replace("__u64 reserved:63;", "__u64 b:1; __u64 reserved:62;");

        Single(ScanDiff(before, after), ChangeSeverity.Compatible, AbiChangeKind.ReservedBitsNamed, "field features.b");
    }

    [Fact]
    public void Growing_an_exit_struct_into_the_union_padding_of_a_kvm_run_like_record_is_compatible()
    {
        const string before = """
            struct run {
                __u32 exit_reason;
                union {
                    struct { __u64 hardware_exit_reason; } hw;
                    char padding[256];
                };
            };
            """;
        string after = before.Replace("__u64 hardware_exit_reason; }", "__u64 hardware_exit_reason; __u64 qualification; }");

        AbiDiffReport report = ScanDiff(before, after);

        Assert.False(report.HasBreaking, AbiDiffText.Render(report));
        Find(report, ChangeSeverity.Compatible, AbiChangeKind.NestedRecordGrew, "struct run.hw");
        Find(report, ChangeSeverity.Compatible, AbiChangeKind.FieldAdded, "field run.hw.qualification");
    }

    [Fact]
    public void Wrapping_a_member_in_an_anonymous_union_with_an_alias_only_adds_the_alias()
    {
        const string before = "struct regs { __u64 rip; __u64 rsp; };";
        string after = before.Replace("__u64 rip;", "union { __u64 rip; __u64 pc; };");

        Single(ScanDiff(before, after), ChangeSeverity.Compatible, AbiChangeKind.FieldAdded, "field regs.pc");
    }

    [Fact]
    public void Renumbering_an_enum_constant_is_breaking()
    {
        const string before = "enum state { STATE_OFF, STATE_ON };";
        string after = before.Replace("STATE_OFF,", "STATE_OFF, STATE_PAUSED,");

        AbiDiffReport report = ScanDiff(before, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Breaking, AbiChangeKind.EnumConstantValueChanged, "enum constant STATE_ON"),
                (ChangeSeverity.Compatible, AbiChangeKind.EnumConstantAdded, "enum constant STATE_PAUSED"),
            },
            Summary(report));
    }

    [Fact]
    public void Giving_a_macro_a_wider_type_is_breaking()
    {
        const string before = "#define FLAG_LAPIC (1 << 13)";
        string after = "#define FLAG_LAPIC (1ULL << 13)";

        Single(ScanDiff(before, after), ChangeSeverity.Breaking, AbiChangeKind.MacroTypeChanged, "macro FLAG_LAPIC");
    }

    [Fact]
    public void Renaming_a_typedef_keeps_the_layout_and_is_compatible()
    {
        const string before = "typedef __u64 gpa_t; struct s { gpa_t gpa; };";
        string after = before.Replace("gpa_t", "hv_gpa_t");

        AbiDiffReport report = ScanDiff(before, after);

        Assert.False(report.HasBreaking, AbiDiffText.Render(report));
        Find(report, ChangeSeverity.Compatible, AbiChangeKind.FieldTypeSpellingChanged, "field s.gpa");
    }

    private static AbiDiffReport ScanDiff(string oldBody, string newBody) => AbiDiff.Compare(Scan(oldBody), Scan(newBody));

    private static AbiModel Scan(string body)
    {
        string dir = Path.Combine(Path.GetTempPath(), "mshv-abidiff-scan-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "t.h"), "#include <linux/types.h>\n#include <linux/ioctl.h>\n" + body + "\n");
            ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { "t.h" }, new[] { dir }, Array.Empty<string>(), Array.Empty<string>()));
            Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
            return result.Model!;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
