using System.Linq;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Generator.Selection;
using Mshv.Tests.Generator.Support;
using Xunit;

namespace Mshv.Tests.FdKinds;

/// <summary>Requests with fd kinds get descriptors that name their kind set; overrides replace or clear kinds.</summary>
public sealed class KindEmissionTests
{
    private const string Header = """
        #include <linux/ioctl.h>
        struct regs { unsigned long long rip; };
        #define GET_REGS _IOR('x', 1, struct regs)
        #define CHECK _IO('x', 2)
        #define NOKIND _IO('x', 3)
        """;

    private const string Template = """
        abi 1
        target x86_64-pc-linux-gnu
        header test.h

        struct regs size={{sizeof(struct regs)}} align={{_Alignof(struct regs)}} at=test.h:2
          field rip bit={{offsetof(struct regs, rip)*8}} type=u64 c="unsigned long long" at=test.h:2

        ioctl CHECK request=0x{{x:CHECK}} dir=none type=0x{{x:_IOC_TYPE(CHECK)}} nr=0x{{x:_IOC_NR(CHECK)}} size=0 kinds=system,vm at=test.h:4
        ioctl GET_REGS request=0x{{x:GET_REGS}} dir=read type=0x{{x:_IOC_TYPE(GET_REGS)}} nr=0x{{x:_IOC_NR(GET_REGS)}} size={{_IOC_SIZE(GET_REGS)}} arg="struct regs" argtype=record:regs kinds=vcpu at=test.h:3
        ioctl NOKIND request=0x{{x:NOKIND}} dir=none type=0x{{x:_IOC_TYPE(NOKIND)}} nr=0x{{x:_IOC_NR(NOKIND)}} size=0 at=test.h:5

        end
        """;

    private static readonly string Model = CLayoutTemplate.Fill(Template, Header);

    [Fact]
    public void Descriptors_name_their_kind_or_kind_set_and_markers_are_emitted()
    {
        EmitResult result = GeneratedCode.Emit(Model);

        string ioctls = Type(result, "TestIoctls");
        Assert.Contains("IoctlRead<regs, TestFdKinds.Vcpu> GET_REGS", ioctls);
        Assert.Contains("IoctlNone<TestFdKinds.SystemOrVm> CHECK", ioctls);
        Assert.Contains("IoctlNone NOKIND", ioctls);
        string kinds = Type(result, "TestFdKinds");
        // Standalone output: the support types (IAcceptedOn among them) are in the generated namespace.
        string accepted = "global::" + GeneratedCode.Namespace + ".IAcceptedOn";
        Assert.Contains("class Vcpu : " + accepted + "<Vcpu>", kinds);
        Assert.Contains("class SystemOrVm : " + accepted + "<System>, " + accepted + "<Vm>", kinds);
        Assert.Empty(GeneratedCode.Problems(GeneratedCode.Compile(result.Files.Select(f => f.Source))));
    }

    [Fact]
    public void A_kinds_line_replaces_the_headers_kinds_and_a_dash_makes_the_kind_unknown()
    {
        EmitResult result = BindingEmitter.EmitText(
            Model,
            "test.abi",
            new EmitOptions(GeneratedCode.Namespace, "Test", EmitIoctlSupportTypes: true)
            {
                Directives = SelectionFile.Parse("MshvSelection.txt", "kinds GET_REGS vcpu,system\nkinds CHECK -\nkinds NOKIND device\n").Directives,
            });

        string ioctls = Type(result, "TestIoctls");
        Assert.Contains("IoctlRead<regs, TestFdKinds.SystemOrVcpu> GET_REGS", ioctls);
        Assert.Contains("IoctlNone CHECK", ioctls);
        Assert.Contains("IoctlNone<TestFdKinds.Device> NOKIND", ioctls);
        Assert.Empty(GeneratedCode.Problems(GeneratedCode.Compile(result.Files.Select(f => f.Source))));
    }

    [Fact]
    public void Kinds_whose_marker_classes_would_share_a_name_are_dropped_with_MSHV0004_not_CS0102()
    {
        // vm_fd and vm__fd are both VmFd (a_or_b alone is no clash); the kind a_or_b and the set {a, b} are both AOrB.
        EmitResult result = BindingEmitter.EmitText(
            Model,
            "test.abi",
            new EmitOptions(GeneratedCode.Namespace, "Test", EmitIoctlSupportTypes: true)
            {
                Directives = SelectionFile.Parse("MshvSelection.txt", "kinds GET_REGS vm_fd\nkinds CHECK vm__fd\nkinds NOKIND a_or_b\n").Directives,
            });
        EmitResult sets = BindingEmitter.EmitText(
            Model,
            "test.abi",
            new EmitOptions(GeneratedCode.Namespace, "Test", EmitIoctlSupportTypes: true)
            {
                Directives = SelectionFile.Parse("MshvSelection.txt", "kinds GET_REGS a,b\nkinds CHECK a_or_b\n").Directives,
            });

        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == Mshv.Generator.Diagnostics.MshvDiagnostics.NameCollision));
        Assert.Contains("IoctlRead<regs> GET_REGS", Type(result, "TestIoctls"));
        Assert.Empty(GeneratedCode.Problems(GeneratedCode.Compile(result.Files.Select(f => f.Source))));
        Assert.Contains(sets.Diagnostics, d => d.Message.Contains("'a,b' and 'a_or_b'") || d.Message.Contains("'a_or_b' and 'a,b'"));
        Assert.Empty(GeneratedCode.Problems(GeneratedCode.Compile(sets.Files.Select(f => f.Source))));
    }

    /// <summary>One type of the model's one file (the constants class names every request too).</summary>
    private static string Type(EmitResult result, string name) =>
        GeneratedTypes.Of(result.Files.Single(f => f.HintName == "Test.Bindings.g.cs").Source, name);
}
