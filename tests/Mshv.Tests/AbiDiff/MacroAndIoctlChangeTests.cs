using Mshv.Abi.Diff;
using Xunit;
using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

public sealed class MacroAndIoctlChangeTests
{
    private const string Version = "macro MSHV_VERSION value=0 type=i32 c=\"int\" at=t.h:1 expansion=\"0x0\"";

    // Request numbers below are inputs the diff decodes nothing from: it reads dir/type/nr/size as given.
    private const string CreatePartition = """
        struct mshv_create_partition size=32 align=8 at=t.h:1
          field flags bit=0 type=u64 c="__u64" at=t.h:2
        ioctl MSHV_CREATE_PARTITION request=0x4020b801 dir=write type=0xb8 nr=0x1 size=32 arg="struct mshv_create_partition" argtype=record:mshv_create_partition at=t.h:9
        macro MSHV_CREATE_PARTITION value=1075886081 type=u64 c="unsigned long" at=t.h:9 expansion="_IOW(MSHV_IOCTL, 0x01, struct mshv_create_partition)"
        """;

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
        string grown = CreatePartition
            .Replace("size=32 align=8", "size=40 align=8")
            .Replace("request=0x4020b801", "request=0x4028b801")
            .Replace("nr=0x1 size=32", "nr=0x1 size=40")
            .Replace("value=1075886081", "value=1076410369");

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
        Assert.Contains("size 32 bytes -> 40 bytes", message);
        Assert.Contains("_IOW encodes sizeof(struct mshv_create_partition)", message);
    }

    [Fact]
    public void Direction_change_renumbers_the_ioctl_and_is_named()
    {
        string readWrite = CreatePartition.Replace("request=0x4020b801 dir=write", "request=0xc020b801 dir=readwrite");

        AbiChange change = Single(Diff(CreatePartition, readWrite), ChangeSeverity.Breaking, AbiChangeKind.IoctlRequestChanged, "ioctl MSHV_CREATE_PARTITION");
        Assert.Contains("direction _IOW -> _IOWR", change.Message);
        Assert.DoesNotContain("size", change.Message);
    }

    [Fact]
    public void Argument_type_change_is_breaking()
    {
        string other = CreatePartition + "\nstruct other size=32 align=8 at=t.h:20\n  field z bit=0 type=u32 c=\"__u32\" at=t.h:21";
        string retyped = other.Replace("arg=\"struct mshv_create_partition\" argtype=record:mshv_create_partition", "arg=\"struct other\" argtype=record:other");

        Single(Diff(other, retyped), ChangeSeverity.Breaking, AbiChangeKind.IoctlArgumentChanged, "ioctl MSHV_CREATE_PARTITION");
    }

    [Fact]
    public void Ioctl_removed_is_breaking()
    {
        const string structOnly = """
            struct mshv_create_partition size=32 align=8 at=t.h:1
              field flags bit=0 type=u64 c="__u64" at=t.h:2
            """;

        Single(Diff(CreatePartition, structOnly), ChangeSeverity.Breaking, AbiChangeKind.IoctlRemoved, "ioctl MSHV_CREATE_PARTITION");
    }

    [Fact]
    public void Ioctl_added_is_compatible()
    {
        string more = CreatePartition + "\nioctl MSHV_REQUEST_VERSION request=0x4004b800 dir=write type=0xb8 nr=0x0 size=4 arg=\"__u32\" argtype=u32 at=t.h:8";

        Single(Diff(CreatePartition, more), ChangeSeverity.Compatible, AbiChangeKind.IoctlAdded, "ioctl MSHV_REQUEST_VERSION");
    }
}
