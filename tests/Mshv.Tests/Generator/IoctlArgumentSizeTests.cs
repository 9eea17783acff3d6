using System.Linq;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Generator.Selection;
using Mshv.Tests.Generator.Support;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>
/// A typed descriptor promises that the kernel copies at most sizeof(T): none for a request whose encoded size is
/// larger (MSHV0021), none where an <c>argument REQUEST -</c> line says the header's type is not what the kernel copies.
/// </summary>
public sealed class IoctlArgumentSizeTests
{
    private const string Header = """
        #include <linux/ioctl.h>
        struct item { unsigned int a; unsigned int b; };
        #define GET_BIG _IOC(_IOC_READ, 'x', 3, sizeof(struct item) + 8)
        #define GET_SMALL _IOC(_IOC_READ, 'x', 4, sizeof(struct item) - 4)
        #define GET_ITEM _IOR('x', 5, struct item)
        #define SET_WORDS _IOC(_IOC_WRITE, 'x', 6, 3 * sizeof(unsigned long))
        """;

    private const string Template = """
        abi 1
        target x86_64-pc-linux-gnu
        header test.h

        struct item size={{sizeof(struct item)}} align={{_Alignof(struct item)}} at=test.h:2
          field a bit={{offsetof(struct item, a)*8}} type=u32 c="unsigned int" at=test.h:2
          field b bit={{offsetof(struct item, b)*8}} type=u32 c="unsigned int" at=test.h:2

        ioctl GET_BIG request=0x{{x:GET_BIG}} dir=read type=0x{{x:_IOC_TYPE(GET_BIG)}} nr=0x{{x:_IOC_NR(GET_BIG)}} size={{_IOC_SIZE(GET_BIG)}} arg="struct item" argtype=record:item at=test.h:3
        ioctl GET_ITEM request=0x{{x:GET_ITEM}} dir=read type=0x{{x:_IOC_TYPE(GET_ITEM)}} nr=0x{{x:_IOC_NR(GET_ITEM)}} size={{_IOC_SIZE(GET_ITEM)}} arg="struct item" argtype=record:item at=test.h:5
        ioctl GET_SMALL request=0x{{x:GET_SMALL}} dir=read type=0x{{x:_IOC_TYPE(GET_SMALL)}} nr=0x{{x:_IOC_NR(GET_SMALL)}} size={{_IOC_SIZE(GET_SMALL)}} arg="struct item" argtype=record:item at=test.h:4
        ioctl SET_WORDS request=0x{{x:SET_WORDS}} dir=write type=0x{{x:_IOC_TYPE(SET_WORDS)}} nr=0x{{x:_IOC_NR(SET_WORDS)}} size={{_IOC_SIZE(SET_WORDS)}} arg="unsigned long[2]" argtype=u64[2] at=test.h:6

        end
        """;

    private static readonly string Model = CLayoutTemplate.Fill(Template, Header);

    [Fact]
    public void MSHV0021_a_request_encoding_more_than_its_argument_gets_only_its_constant()
    {
        EmitResult result = Emit(string.Empty);

        string ioctls = Ioctls(result);
        EmitDiagnostic[] reported = result.Diagnostics.Where(d => d.Id == MshvDiagnostics.IoctlSizeExceedsArgument).ToArray();
        Assert.Equal(new[] { "test.h:3", "test.h:6" }, reported.Select(d => d.HeaderLocation!.ToString()));
        // The sizes as gcc computes them.
        string[] c = Mshv.Tests.Infrastructure.CCompiler.CompileAndRun(
            Header + "\n#include <stdio.h>\nint main(void) { printf(\"%u %zu %u %zu\", _IOC_SIZE(GET_BIG), sizeof(struct item),"
            + " _IOC_SIZE(SET_WORDS), sizeof(unsigned long[2])); return 0; }\n",
            System.Array.Empty<string>()).Trim().Split(' ');
        Assert.Contains("ioctl GET_BIG encodes an argument size of " + c[0] + " bytes, more than the " + c[1] + " of its argument 'struct item'", reported[0].Message);
        Assert.Contains("ioctl SET_WORDS encodes an argument size of " + c[2] + " bytes, more than the " + c[3] + " of its argument 'unsigned long[2]'", reported[1].Message);
        Assert.False(reported[0].IsError);
        Assert.DoesNotContain("GET_BIG =>", ioctls);
        Assert.DoesNotContain("SET_WORDS =>", ioctls);
        Assert.Contains("(\"GET_BIG\", 0x", ioctls);
        // Smaller than the argument (and the plain _IOR) keep their descriptors: nothing copies past T.
        Assert.Contains("IoctlRead<item> GET_SMALL =>", ioctls);
        Assert.Contains("IoctlRead<item> GET_ITEM =>", ioctls);
        Assert.Empty(GeneratedCode.Problems(GeneratedCode.Compile(result.Files.Select(f => f.Source))));
    }

    [Fact]
    public void An_argument_dash_line_withdraws_the_typed_descriptor_silently_and_a_malformed_line_cannot_undo_it()
    {
        EmitResult withdrawn = Emit("argument GET_ITEM -\n");
        // 'argument GET_ITEM item' is MSHV0022 (reported once per compilation) and applied nowhere.
        EmitResult other = Emit("argument GET_ITEM -\nargument GET_ITEM item\n");

        Assert.DoesNotContain("GET_ITEM =>", Ioctls(withdrawn));
        Assert.Contains("(\"GET_ITEM\", 0x", Ioctls(withdrawn));
        Assert.DoesNotContain(withdrawn.Diagnostics, d => d.Message.Contains("GET_ITEM"));
        Assert.DoesNotContain("GET_ITEM =>", Ioctls(other));
        Assert.Equal(new[] { "argument" }, SelectionFile.Parse("MshvSelection.txt", "argument GET_ITEM -\n").Directives.Select(d => d.Keyword));
    }

    [Fact]
    public void A_request_builder_encoding_more_than_its_argument_gets_no_typed_form()
    {
        const string model = "abi 1\ntarget x86_64-pc-linux-gnu\nheader test.h\n\n"
            + "ioctlfn GET_WIDE params=n request=0x80104500+0x1*n dir=read type=0x45 nr=0x0+n nrmax=0xff size=0x10 sizemax=0x3fff arg=\"__u32\" argtype=u32 at=test.h:7 expansion=\"_IOC(_IOC_READ, 'E', n, 16)\"\n"
            + "ioctlfn GET_NARROW params=n request=0x80044500+0x1*n dir=read type=0x45 nr=0x0+n nrmax=0xff size=0x4 sizemax=0x3fff arg=\"__u32\" argtype=u32 at=test.h:8 expansion=\"_IOR('E', n, __u32)\"\n"
            + "\nend\n";

        EmitResult result = BindingEmitter.EmitText(model, "test.abi", new EmitOptions(GeneratedCode.Namespace, "Test", EmitIoctlSupportTypes: true));

        EmitDiagnostic reported = Assert.Single(result.Diagnostics, d => d.Id == MshvDiagnostics.IoctlSizeExceedsArgument);
        Assert.Equal("test.h:7", reported.HeaderLocation!.ToString());
        string source = string.Concat(result.Files.Select(f => f.Source));
        Assert.DoesNotContain("IoctlRead<uint> GET_WIDE(", source);
        Assert.Contains("IoctlRead<uint> GET_NARROW(", source);
        Assert.Empty(GeneratedCode.Problems(GeneratedCode.Compile(result.Files.Select(f => f.Source))));
    }

    [Fact]
    public void Kvm_memory_encrypt_op_has_no_u64_descriptor_the_kernel_would_write_24_bytes_through()
    {
        // The KvmGuest sample's bindings, generated from this machine's <linux/kvm.h> with the shipped overrides.
        Assert.Null(typeof(Mshv.Kvm.Interop.KvmIoctls).GetProperty("KVM_MEMORY_ENCRYPT_OP"));
        Assert.Contains(Mshv.Kvm.Interop.KvmIoctls.All, r => r.Name == "KVM_MEMORY_ENCRYPT_OP");
        Assert.NotNull(typeof(Mshv.Kvm.Interop.KvmIoctls).GetProperty("KVM_MEMORY_ENCRYPT_REG_REGION"));
    }

    private static EmitResult Emit(string selection) => BindingEmitter.EmitText(
        Model,
        "test.abi",
        new EmitOptions(GeneratedCode.Namespace, "Test", EmitIoctlSupportTypes: true) { Directives = SelectionFile.Parse("MshvSelection.txt", selection).Directives });

    private static string Ioctls(EmitResult result) =>
        GeneratedTypes.Of(result.Files.Single(f => f.HintName == "Test.Bindings.g.cs").Source, "TestIoctls");
}
