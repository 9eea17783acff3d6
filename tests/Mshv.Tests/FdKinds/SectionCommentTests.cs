using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Scanner;
using Xunit;

namespace Mshv.Tests.FdKinds;

/// <summary>The scanner gives requests the fd kinds their header's section comments name.</summary>
public sealed class SectionCommentTests
{
    [Theory]
    [InlineData("ioctls for /dev/kvm fds:", "system")]
    [InlineData("ioctls for VM fds", "vm")]
    [InlineData("ioctl for vm fd", "vm")]
    [InlineData("ioctls for vcpu fds", "vcpu")]
    [InlineData("ioctls for fds returned by KVM_CREATE_DEVICE", "device")]
    [InlineData("/dev/mshv", "system")]
    [InlineData("Partition fds created with MSHV_CREATE_PARTITION", "partition")]
    [InlineData("VP fds created with MSHV_CREATE_VP", "vp")]
    [InlineData("VMBus device IOCTLs", "vmbus")]
    [InlineData("Userspace interfaces for /dev/mshv* devices and derived fds", null)]
    [InlineData("Available with KVM_CAP_PIT_STATE2", null)]
    public void A_section_comment_names_its_kind(string comment, string? kind) => Assert.Equal(kind, IoctlSections.KindOf(comment));

    [Fact]
    public void A_comment_after_code_or_one_about_ioctls_of_no_kind_is_not_a_kind_section()
    {
        const string text = """
            /* ioctls for VM fds */
            #define A _IO(1, 1) /* returns a vcpu fd, ioctls for vcpu fds */
            /* Structure definitions, macros and IOCTLs for mshv_vtl */
            #define B _IO(1, 2)
            """;

        Assert.Equal(new (int, string?)[] { (1, "vm"), (3, null) }, IoctlSections.SectionsOf(text));
    }

    [Fact]
    public void Section_comments_are_found_in_any_case_across_lines_and_after_other_comments()
    {
        // Read as bytes: a comment split over lines, upper case, CRLF line ends, non-ASCII text and code between comments.
        const string text = "/* caf\u00e9 */ int x; /* not alone: IOCTLS FOR VM FDS */\r\n"
            + "\t/*\r\n * IOCTLS FOR VCPU FDS\r\n */\r\n"
            + "#define A 1 // see /* ioctls for vm fds */\r\n"
            + "\u00a0/* fds returned by KVM_CREATE_DEVICE */\n"
            + "/*\n * Partition fds created with MSHV_CREATE_PARTITION\n */ /* not alone either: ioctls for vm fds */\n";

        Assert.Equal(new (int, string?)[] { (4, "vcpu"), (6, "device"), (9, "partition") }, IoctlSections.SectionsOf(text));
    }

    [Fact]
    public void A_section_comment_on_the_first_line_after_a_byte_order_mark_stands_alone() =>
        Assert.Equal(new (int, string?)[] { (1, "vm") }, IoctlSections.SectionsOf("\ufeff/* ioctls for VM fds */\n#define A 1\n"));

    [Fact]
    public void Kvm_6_1_sections_give_system_vm_device_and_vcpu_kinds()
    {
        AbiModel model = SeedModelTests.Scan(ScanSetups.Kvm);

        Assert.Equal(new[] { "system" }, Kinds(model, "KVM_GET_API_VERSION"));
        Assert.Equal(new[] { "system" }, Kinds(model, "KVM_CREATE_VM"));
        Assert.Equal(new[] { "vm" }, Kinds(model, "KVM_CREATE_VCPU"));
        Assert.Equal(new[] { "vm" }, Kinds(model, "KVM_SET_USER_MEMORY_REGION"));
        Assert.Equal(new[] { "vm" }, Kinds(model, "KVM_CREATE_DEVICE"));
        Assert.Equal(new[] { "device" }, Kinds(model, "KVM_SET_DEVICE_ATTR"));
        Assert.Equal(new[] { "vcpu" }, Kinds(model, "KVM_GET_REGS"));
        Assert.Equal(new[] { "vcpu" }, Kinds(model, "KVM_RUN"));
    }

    [Fact]
    public void Upstream_mshv_sections_give_system_partition_and_vp_kinds()
    {
        string mshv = Path.Combine(UpstreamHeaders.IncludeRoot, "linux", "mshv.h");
        var sections = IoctlSections.Sections(mshv);

        Assert.Equal(new[] { "system", "partition", "vp" }, sections.Select(s => s.Kind).Where(k => k is not null).Take(3));
    }

    [Fact]
    public void Kinds_round_trip_through_the_model_text_sorted_and_are_optional()
    {
        AbiIoctl ioctl = new("X", 0xae03, IoctlDirection.None, 0xae, 3, 0, null, null, new SourceLocation("x.h", 1)) { Kinds = new[] { "vm", "system" }.ToEquatableArray() };
        AbiModel model = new("x86_64-unknown-linux-gnu", new[] { "x.h" }.ToEquatableArray(), default, default, default, default, new[] { ioctl, ioctl with { Name = "Y", Kinds = default } }.ToEquatableArray());

        string text = AbiModelWriter.Write(model);
        AbiModel read = AbiModelReader.Read(text, "x.abi");

        Assert.Contains("ioctl X request=0xae03 dir=none type=0xae nr=0x3 size=0 kinds=system,vm at=x.h:1", text);
        Assert.Contains("ioctl Y request=0xae03 dir=none type=0xae nr=0x3 size=0 at=x.h:1", text);
        Assert.Equal(new[] { "system", "vm" }, read.Ioctls[0].Kinds);
        Assert.Empty(read.Ioctls[1].Kinds);
    }

    [Fact]
    public void A_kind_that_is_not_a_lower_case_identifier_is_a_located_model_error()
    {
        const string text = "abi 1\ntarget x86_64-unknown-linux-gnu\nheader x.h\n\nioctl X request=0xae03 dir=none type=0xae nr=0x3 size=0 kinds=Vm,-x at=x.h:1\n";

        AbiFormatException error = Assert.Throws<AbiFormatException>(() => AbiModelReader.Read(text, "x.abi"));

        Assert.Equal(5, error.Line);
        Assert.Contains("kinds=", error.Reason);
    }

    private static string[] Kinds(AbiModel model, string name) => model.Ioctls.Single(i => i.Name == name).Kinds.ToArray();
}
