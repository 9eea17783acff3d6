using System.Linq;
using Mshv.Abi.Diff;
using Mshv.Tests.Generator.Support;
using Xunit;
using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

public sealed class MacroAndIoctlChangeTests
{
    private const string Version = "macro MSHV_VERSION value=0 type=i32 c=\"int\" at=t.h:1 expansion=\"0x0\"";

    // The request's numbers and the struct's size come from gcc compiling a header of that shape (CLayoutTemplate),
    // so the models the diff compares are what the compiler says, before and after the header changed.
    private const string CreatePartitionTemplate = """
        struct mshv_create_partition size={{sizeof(struct mshv_create_partition)}} align=8 at=t.h:1
          field flags bit=0 type=u64 c="__u64" at=t.h:2
        ioctl MSHV_CREATE_PARTITION request=0x{{x:MSHV_CREATE_PARTITION}} dir=DIRECTION type=0x{{x:_IOC_TYPE(MSHV_CREATE_PARTITION)}} nr=0x{{x:_IOC_NR(MSHV_CREATE_PARTITION)}} size={{_IOC_SIZE(MSHV_CREATE_PARTITION)}} arg="struct mshv_create_partition" argtype=record:mshv_create_partition at=t.h:9
        macro MSHV_CREATE_PARTITION value={{u:MSHV_CREATE_PARTITION}} type=u64 c="unsigned long" at=t.h:9 expansion="_IOW(MSHV_IOCTL, 0x01, struct mshv_create_partition)"
        """;

    private const string RequestVersionTemplate = """
        ioctl MSHV_REQUEST_VERSION request=0x{{x:MSHV_REQUEST_VERSION}} dir=write type=0x{{x:_IOC_TYPE(MSHV_REQUEST_VERSION)}} nr=0x{{x:_IOC_NR(MSHV_REQUEST_VERSION)}} size={{_IOC_SIZE(MSHV_REQUEST_VERSION)}} arg="__u32" argtype=u32 at=t.h:8
        """;

    private static readonly string CreatePartition = CreatePartitionModel("", "_IOW", "write");

    private static string CreatePartitionHeader(string extraMembers, string builder) =>
        "#include <linux/ioctl.h>\n#include <linux/types.h>\n"
        + "struct mshv_create_partition { __u64 flags; __u64 properties[3]; " + extraMembers + "};\n"
        + "#define MSHV_CREATE_PARTITION " + builder + "(0xB8, 0x01, struct mshv_create_partition)\n"
        + "#define MSHV_REQUEST_VERSION _IOW(0xB8, 0x00, __u32)\n";

    private static string CreatePartitionModel(string extraMembers, string builder, string direction) =>
        CLayoutTemplate.Fill(CreatePartitionTemplate.Replace("DIRECTION", direction), CreatePartitionHeader(extraMembers, builder));

    [Fact]
    public void Macro_value_change_is_breaking()
    {
        string bumped = Version.Replace("value=0", "value=1").Replace("0x0", "0x1");

        AbiChange change = Single(Diff(Version, bumped), ChangeSeverity.Breaking, AbiChangeKind.MacroValueChanged, "macro MSHV_VERSION");
        Assert.Equal("value changed from 0 to 1", change.Message);
    }

    [Fact]
    public void Macro_type_change_is_breaking()
    {
        string unsigned = Version.Replace("type=i32 c=\"int\"", "type=u32 c=\"unsigned int\"");

        Single(Diff(Version, unsigned), ChangeSeverity.Breaking, AbiChangeKind.MacroTypeChanged, "macro MSHV_VERSION");
    }

    [Fact]
    public void Macro_removed_is_breaking()
    {
        Single(Diff(Version, string.Empty), ChangeSeverity.Breaking, AbiChangeKind.MacroRemoved, "macro MSHV_VERSION");
    }

    [Fact]
    public void Macro_added_is_compatible()
    {
        Single(Diff(string.Empty, Version), ChangeSeverity.Compatible, AbiChangeKind.MacroAdded, "macro MSHV_VERSION");
    }

    [Fact]
    public void Macro_written_differently_with_the_same_value_is_compatible()
    {
        string rewritten = Version.Replace("expansion=\"0x0\"", "expansion=\"0\"");

        Single(Diff(Version, rewritten), ChangeSeverity.Compatible, AbiChangeKind.MacroExpansionChanged, "macro MSHV_VERSION");
    }

    [Fact]
    public void Grown_argument_renumbers_the_ioctl_and_the_message_says_why()
    {
        string grown = CreatePartitionModel("__u64 synthetic_processor_features; ", "_IOW", "write");
        string sizes = CLayoutTemplate.Fill("{{sizeof(struct mshv_create_partition)}}", CreatePartitionHeader("", "_IOW"))
            + " bytes -> " + CLayoutTemplate.Fill("{{sizeof(struct mshv_create_partition)}}", CreatePartitionHeader("__u64 synthetic_processor_features; ", "_IOW"));

        AbiDiffReport report = Diff(CreatePartition, grown);

        // The request macro changed value too, but it is reported once, as the ioctl.
        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct mshv_create_partition"),
                (ChangeSeverity.Breaking, AbiChangeKind.IoctlRequestChanged, "ioctl MSHV_CREATE_PARTITION"),
            },
            Summary(report));
        string message = report.Changes[1].Message;
        Assert.Contains("size " + sizes + " bytes", message);
        Assert.Contains("_IOW encodes sizeof(struct mshv_create_partition)", message);
    }

    [Fact]
    public void Direction_change_renumbers_the_ioctl_and_is_named()
    {
        string readWrite = CreatePartitionModel("", "_IOWR", "readwrite");

        AbiChange change = Single(Diff(CreatePartition, readWrite), ChangeSeverity.Breaking, AbiChangeKind.IoctlRequestChanged, "ioctl MSHV_CREATE_PARTITION");
        Assert.Contains("direction _IOW -> _IOWR", change.Message);
        Assert.DoesNotContain("size", change.Message);
    }

    [Fact]
    public void Argument_type_change_is_breaking()
    {
        string other = CreatePartition + "\nstruct other size=4 align=4 at=t.h:20\n  field z bit=0 type=u32 c=\"__u32\" at=t.h:21";
        string retyped = other.Replace("arg=\"struct mshv_create_partition\" argtype=record:mshv_create_partition", "arg=\"struct other\" argtype=record:other");

        Single(Diff(other, retyped), ChangeSeverity.Breaking, AbiChangeKind.IoctlArgumentChanged, "ioctl MSHV_CREATE_PARTITION");
    }

    [Fact]
    public void Ioctl_removed_is_breaking()
    {
        string structOnly = string.Join("\n", CreatePartition.Split('\n').Take(2));

        Single(Diff(CreatePartition, structOnly), ChangeSeverity.Breaking, AbiChangeKind.IoctlRemoved, "ioctl MSHV_CREATE_PARTITION");
    }

    [Fact]
    public void Ioctl_added_is_compatible()
    {
        string more = CreatePartition + "\n" + CLayoutTemplate.Fill(RequestVersionTemplate, CreatePartitionHeader("", "_IOW"));

        Single(Diff(CreatePartition, more), ChangeSeverity.Compatible, AbiChangeKind.IoctlAdded, "ioctl MSHV_REQUEST_VERSION");
    }
}
