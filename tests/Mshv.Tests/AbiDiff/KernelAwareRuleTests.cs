using Mshv.Abi.Diff;
using Xunit;
using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>
/// The kernel's own rules for what may change in uapi (the ones scripts/check-uapi.sh knows), each on models scanned
/// from tiny headers and checked against gcc (<see cref="CheckedScan"/>), each asserting the severity.
/// </summary>
public sealed class KernelAwareRuleTests
{
    [Theory]
    [InlineData("E_COUNT")]
    [InlineData("KVM_DEV_TYPE_MAX")]
    [InlineData("KVM_SEV_NR")]
    [InlineData("__E_LAST")]
    public void A_count_or_sentinel_enumerator_moving_is_compatible_with_a_note(string sentinel)
    {
        string before = "enum e { E_A, E_B, " + sentinel + " };";
        string after = before.Replace("E_B,", "E_B, E_C,");

        AbiDiffReport report = CheckedScan.Diff(before, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Compatible, AbiChangeKind.EnumConstantAdded, "enum constant E_C"),
                (ChangeSeverity.Compatible, AbiChangeKind.SentinelChanged, "enum constant " + sentinel),
            },
            Summary(report));
        Assert.Contains("a count or sentinel", Find(report, ChangeSeverity.Compatible, AbiChangeKind.SentinelChanged, "enum constant " + sentinel).Message);
    }

    [Fact]
    public void A_last_enumerator_equal_to_the_number_of_the_others_and_named_as_a_count_is_a_sentinel()
    {
        const string before = "enum colour { RED, GREEN, NUM_COLOURS };";
        string after = before.Replace("GREEN,", "GREEN, BLUE,");

        AbiDiffReport report = CheckedScan.Diff(before, after);

        Assert.False(report.HasBreaking, AbiDiffText.Render(report));
        Find(report, ChangeSeverity.Compatible, AbiChangeKind.SentinelChanged, "enum constant NUM_COLOURS");
    }

    [Fact]
    public void A_typedef_named_record_beside_a_tag_of_its_name_is_a_record_of_its_own_in_the_diff()
    {
        // foo.typedef was taken for an unnamed record of the first struct using it (both.b): removing it went unreported.
        const string before = "struct foo { int x; };\ntypedef struct { long y; } foo;\nstruct both { struct foo a; foo b; };";
        const string after = "struct foo { int x; };\nstruct both { struct foo a; };";

        AbiDiffReport report = CheckedScan.Diff(before, after);

        Assert.Contains(report.Changes, c => c.Kind == AbiChangeKind.RecordRemoved && c.Subject.Contains("foo.typedef", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_renumbered_last_enumerator_that_is_not_named_as_a_count_breaks()
    {
        // Old binaries that send 2 meaning BLUE now get YELLOW: position alone does not make BLUE a count.
        const string before = "enum colour { RED, GREEN, BLUE };";
        string after = before.Replace("GREEN,", "GREEN, YELLOW,");

        AbiDiffReport report = CheckedScan.Diff(before, after);

        Assert.True(report.HasBreaking, AbiDiffText.Render(report));
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.EnumConstantValueChanged, "enum constant BLUE");
    }

    [Fact]
    public void A_last_enumerator_that_is_not_a_count_still_breaks_when_it_moves()
    {
        const string before = "enum flags { F_ONE = 1, F_BIG = 40 };";
        string after = before.Replace("40", "41");

        Single(CheckedScan.Diff(before, after), ChangeSeverity.Breaking, AbiChangeKind.EnumConstantValueChanged, "enum constant F_BIG");
    }

    [Theory]
    [InlineData("KVM_MAX_NR")]
    [InlineData("HV_REGS_COUNT")]
    [InlineData("IRQ_LAST")]
    [InlineData("NODE_MAX")]
    public void A_count_macro_moving_is_compatible_but_other_macros_still_break(string sentinel)
    {
        string before = "#define " + sentinel + " (4 + 0)\n#define FLAG_X (1 << 2)";
        string after = "#define " + sentinel + " (4 + 2)\n#define FLAG_X (1 << 3)";

        AbiDiffReport report = CheckedScan.Diff(before, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Breaking, AbiChangeKind.MacroValueChanged, "macro FLAG_X"),
                (ChangeSeverity.Compatible, AbiChangeKind.SentinelChanged, "macro " + sentinel),
            },
            Summary(report));
    }

    [Fact]
    public void A_zero_length_array_becoming_a_real_flexible_array_is_compatible()
    {
        const string before = "struct msrs { __u32 nmsrs; __u32 pad; __u64 entries[0]; };";
        string after = before.Replace("entries[0]", "entries[]");

        AbiChange change = Single(CheckedScan.Diff(before, after), ChangeSeverity.Compatible, AbiChangeKind.FlexibleArrayMadeReal, "field msrs.entries");
        Assert.Contains("fake flexible array __u64[0] became a real one, __u64[]", change.Message);
    }

    [Fact]
    public void A_one_element_array_becoming_a_real_flexible_array_is_compatible_but_the_request_that_encodes_sizeof_is_not()
    {
        const string before = """
            struct list { __u32 count; __u32 ids[1]; };
            #define GET_LIST _IOWR(0xAE, 0x05, struct list)
            """;
        string after = before.Replace("ids[1]", "ids[]");

        AbiDiffReport report = CheckedScan.Diff(before, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Breaking, AbiChangeKind.IoctlRequestChanged, "ioctl GET_LIST"),
                (ChangeSeverity.Compatible, AbiChangeKind.FlexibleArrayMadeReal, "struct list"),
                (ChangeSeverity.Compatible, AbiChangeKind.FlexibleArrayMadeReal, "field list.ids"),
            },
            Summary(report));
        Assert.Contains("sizeof no longer counts a first entry", report.Changes[1].Message);
    }

    [Fact]
    public void An_array_that_is_not_the_fake_flexible_kind_still_breaks_when_resized()
    {
        const string before = "struct list { __u32 count; __u32 ids[2]; };";
        string after = before.Replace("ids[2]", "ids[]");

        AbiDiffReport report = CheckedScan.Diff(before, after);

        Find(report, ChangeSeverity.Breaking, AbiChangeKind.FieldResized, "field list.ids");
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct list");
    }

    [Fact]
    public void A_struct_versioned_by_size_macros_growing_at_its_end_is_extensible_growth()
    {
        const string before = """
            struct open_how { __u64 flags; __u64 mode; };
            #define OPEN_HOW_SIZE_VER0 16
            """;
        string after = before.Replace("__u64 mode; }", "__u64 mode; __u64 resolve; }") + "\n#define OPEN_HOW_SIZE_VER1 24";

        AbiDiffReport report = CheckedScan.Diff(before, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Compatible, AbiChangeKind.ExtensibleRecordGrew, "struct open_how"),
                (ChangeSeverity.Compatible, AbiChangeKind.FieldAdded, "field open_how.resolve"),
                (ChangeSeverity.Compatible, AbiChangeKind.MacroAdded, "macro OPEN_HOW_SIZE_VER1"),
            },
            Summary(report));
        Assert.Contains("copy_struct_from_user", report.Changes[0].Message);
        Assert.Contains("OPEN_HOW_SIZE_VER", report.Changes[0].Message);
    }

    [Fact]
    public void A_struct_whose_first_member_is_its_size_growing_at_its_end_is_extensible_growth()
    {
        const string before = "struct sched_attr { __u32 size; __u32 policy; __u64 flags; };";
        string after = before.Replace("__u64 flags; }", "__u64 flags; __u32 util_min; __u32 util_max; }");

        AbiDiffReport report = CheckedScan.Diff(before, after);

        AbiChange change = Find(report, ChangeSeverity.Compatible, AbiChangeKind.ExtensibleRecordGrew, "struct sched_attr");
        Assert.Contains("its first member, size, declares the caller's size", change.Message);
        Assert.False(report.HasBreaking, AbiDiffText.Render(report));
    }

    [Fact]
    public void An_extensible_struct_that_moves_a_member_is_a_plain_break()
    {
        const string before = "struct sched_attr { __u32 size; __u32 policy; __u64 flags; };";
        string after = before.Replace("__u32 policy;", "__u32 policy; __u64 nice;");

        AbiDiffReport report = CheckedScan.Diff(before, after);

        Find(report, ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct sched_attr");
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.FieldMoved, "field sched_attr.flags");
    }

    // The shape of kvm_nested_state between Debian 12's kvm.h (6.1) and 7.x: the SVM header grows inside the padded union.
    private const string NestedState = """
        struct vmx_hdr { __u64 vmxon_pa; __u64 vmcs12_pa; struct { __u16 flags; } smm; };
        struct svm_hdr { __u64 vmcb_pa; };
        struct nested_state {
            __u16 flags; __u16 format; __u32 size;
            union { struct vmx_hdr vmx; struct svm_hdr svm; __u8 pad[120]; } hdr;
        };
        """;

    [Fact]
    public void A_struct_growing_only_inside_a_padded_union_that_keeps_its_size_is_compatible_with_a_note()
    {
        string after = NestedState.Replace("struct svm_hdr { __u64 vmcb_pa; }", "struct svm_hdr { __u64 vmcb_pa; __u64 gpat; }");

        AbiDiffReport report = CheckedScan.Diff(NestedState, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Compatible, AbiChangeKind.RecordGrewInsideFixedUnion, "struct svm_hdr"),
                (ChangeSeverity.Compatible, AbiChangeKind.FieldAdded, "field svm_hdr.gpat"),
            },
            Summary(report));
        Assert.Contains("only inside union nested_state.hdr", report.Changes[0].Message);
    }

    [Fact]
    public void The_same_growth_breaks_when_an_ioctl_passes_the_struct_by_sizeof()
    {
        string before = NestedState + "\n#define GET_SVM_HDR _IOR(0xAE, 0x07, struct svm_hdr)";
        string after = before.Replace("struct svm_hdr { __u64 vmcb_pa; }", "struct svm_hdr { __u64 vmcb_pa; __u64 gpat; }");

        AbiDiffReport report = CheckedScan.Diff(before, after);

        Find(report, ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct svm_hdr");
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.IoctlRequestChanged, "ioctl GET_SVM_HDR");
    }

    [Fact]
    public void The_same_growth_breaks_when_the_union_is_not_padded()
    {
        string before = NestedState.Replace(" __u8 pad[120];", string.Empty);
        string after = before.Replace("struct svm_hdr { __u64 vmcb_pa; }", "struct svm_hdr { __u64 vmcb_pa; __u64 gpat; __u64 more[2]; }");

        AbiDiffReport report = CheckedScan.Diff(before, after);

        Find(report, ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct svm_hdr");
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct nested_state");
    }

    [Fact]
    public void A_struct_becoming_a_union_whose_old_member_keeps_its_bytes_is_compatible()
    {
        const string before = "struct xen_attr { __u16 type; union { struct { __u64 gfn; } shared_info; __u64 pad[8]; } u; };";
        string after = before.Replace("struct { __u64 gfn; } shared_info;", "union { __u64 gfn; __u64 hva; } shared_info;");

        AbiDiffReport report = CheckedScan.Diff(before, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Compatible, AbiChangeKind.FieldTypeSpellingChanged, "field xen_attr.u.shared_info"),
                (ChangeSeverity.Compatible, AbiChangeKind.RecordKindKeptLayout, "union xen_attr.u.shared_info"),
                (ChangeSeverity.Compatible, AbiChangeKind.FieldAdded, "field xen_attr.u.shared_info.hva"),
            },
            Summary(report));
    }

    [Fact]
    public void A_request_number_taken_by_another_name_is_breaking_and_says_what_it_now_means()
    {
        const string before = "#define MSHV_IOCTL 0xB8\n#define MSHV_REQUEST_VERSION _IOW(MSHV_IOCTL, 0x00, __u32)";
        string after = before.Replace("MSHV_REQUEST_VERSION", "MSHV_CHECK_EXTENSION");

        AbiDiffReport report = CheckedScan.Diff(before, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Breaking, AbiChangeKind.IoctlRemoved, "ioctl MSHV_REQUEST_VERSION"),
                (ChangeSeverity.Breaking, AbiChangeKind.IoctlNumberReused, "ioctl MSHV_CHECK_EXTENSION"),
                (ChangeSeverity.Compatible, AbiChangeKind.IoctlAdded, "ioctl MSHV_CHECK_EXTENSION"),
            },
            Summary(report));
        string number = "0x" + CheckedScan.Model(before).Ioctls[0].Request.ToString("x");
        Assert.Contains("request " + number + " was MSHV_REQUEST_VERSION", report.Changes[1].Message);
        Assert.Contains("now means MSHV_CHECK_EXTENSION", report.Changes[1].Message);
    }

    [Fact]
    public void A_new_alias_of_a_kept_request_is_not_a_reuse()
    {
        const string before = "#define KVMIO 0xAE\n#define __KVM_DEPRECATED_MAIN_0x07 _IO(KVMIO, 0x07)";
        string after = before + "\n#define KVM_TRACE_PAUSE __KVM_DEPRECATED_MAIN_0x07";

        Single(CheckedScan.Diff(before, after), ChangeSeverity.Compatible, AbiChangeKind.IoctlAdded, "ioctl KVM_TRACE_PAUSE");
    }

    [Fact]
    public void A_request_given_another_argument_of_the_same_size_says_what_the_number_now_takes()
    {
        const string before = "struct a { __u32 x; };\nstruct b { __s16 y; __u16 z; };\n#define REQ _IOW(0xB8, 0x02, struct a)";
        string after = before.Replace("struct a)", "struct b)");

        AbiChange change = Single(CheckedScan.Diff(before, after), ChangeSeverity.Breaking, AbiChangeKind.IoctlArgumentChanged, "ioctl REQ");
        Assert.Contains("now takes struct b", change.Message);
    }
}
