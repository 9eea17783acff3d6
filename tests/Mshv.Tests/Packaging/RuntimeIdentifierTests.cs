using System;
using System.IO;
using System.Linq;
using Mshv.Tests.Conformance.Sweep;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Packaging;

/// <summary>
/// The consumer's RuntimeIdentifier decides the layout: <c>-r linux-arm64</c> scans for aarch64 (with the target's asm/
/// headers), and the generated ioctls refuse to run in a process of another architecture with PlatformNotSupportedException
/// itself (no TypeInitializationException around it: an uncaught one would crash the program and fail the test). The arm64
/// build's IL is run in this x86_64 process (PlatformTarget AnyCPU only lets the loader accept it): aarch64 layouts on
/// x86_64, the mismatch the check exists for.
/// </summary>
public sealed class RuntimeIdentifierTests
{
    private const string Program = """
        using System;
        using System.Runtime.CompilerServices;
        using Consumer.Interop;

        Console.WriteLine("sizeof=" + Unsafe.SizeOf<kvm_regs>());
        Console.WriteLine("target=" + KvmTarget.Triple);
        try
        {
            Console.WriteLine("request=" + KvmIoctls.KVM_GET_REGS.Request);
        }
        catch (PlatformNotSupportedException refused)
        {
            Console.WriteLine("refused=" + refused.Message);
        }

        // Every use refuses the same way, not only the first (a failed static constructor would rethrow TypeInitializationException).
        try
        {
            Console.WriteLine("request=" + KvmIoctls.KVM_GET_REGS.Request);
        }
        catch (PlatformNotSupportedException)
        {
            Console.WriteLine("refused again");
        }

        Console.WriteLine("matches=" + KvmTarget.ProcessMatches);
        """;

    [Fact]
    public void An_arm64_build_gets_aarch64_layouts_that_refuse_to_run_on_x86_64()
    {
        Assert.True(SweepTarget.Aarch64.IsAvailable, "needs aarch64-linux-gnu-gcc and qemu-aarch64-static (.ci/prerequisites installs them)");
        using var project = new TempFolder("mshv-rid-");
        InRepoConsumer.Write(
            project,
            "<UseAppHost>false</UseAppHost><SelfContained>false</SelfContained><PlatformTarget>AnyCPU</PlatformTarget><MshvUapiIncludeRoot>" + UpstreamHeaders.IncludeRoot + "</MshvUapiIncludeRoot>",
            """<UapiHeader Include="linux/kvm.h;asm/kvm.h" /><MshvSelection Include="selection.txt" />""",
            Program);
        project.Write("selection.txt", "kvm_regs\nKVM_GET_REGS\n");

        DotnetCli.Build(project.Path, "-r", "linux-arm64").AssertSucceeded("dotnet build -r linux-arm64");
        string dll = Directory.EnumerateFiles(project.Combine("bin"), "Consumer.dll", SearchOption.AllDirectories).Single(f => f.Contains("linux-arm64", StringComparison.Ordinal));
        string[] output = CCompiler.Run("dotnet", new[] { dll }, "running the arm64 build's IL on x86_64").Split('\n');

        Assert.Equal("sizeof=" + AarchSizeOfKvmRegs(), output[0]);
        Assert.Equal("target=aarch64-unknown-linux-gnu", output[1]);
        Assert.StartsWith("refused=These bindings (namespace Consumer.Interop) were generated for aarch64-unknown-linux-gnu, but this process runs on X64", output[2], StringComparison.Ordinal);
        Assert.Contains("dotnet build -r linux-x64 for this machine", output[2], StringComparison.Ordinal);
        Assert.Equal("refused again", output[3]);
        Assert.Equal("matches=False", output[4]);
    }

    [Fact]
    public void A_runtime_identifier_without_a_kernel_layout_is_MSHV1007()
    {
        using var project = new TempFolder("mshv-rid-");
        project.Write("h/ok.h", "struct ok { int a; };\n");
        InRepoConsumer.Write(project, "<UseAppHost>false</UseAppHost><SelfContained>false</SelfContained>", """<UapiHeader Include="h/ok.h" />""");

        DotnetResult build = DotnetCli.Build(project.Path, "-r", "win-x64");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(build.Output.Split('\n'), line => line.Contains("Consumer.csproj", StringComparison.Ordinal)
            && line.Contains("error MSHV1007: RuntimeIdentifier 'win-x64' has no kernel layout", StringComparison.Ordinal));
    }

    /// <summary>What aarch64 gcc says, run under qemu, with the same 7.x headers first on the include path.</summary>
    private static string AarchSizeOfKvmRegs()
    {
        using var folder = new TempDirectory("rid-oracle");
        string source = Path.Combine(folder.Path, "size.c");
        string program = Path.Combine(folder.Path, "size");
        File.WriteAllText(source, "#include <stdio.h>\n#include <linux/kvm.h>\nint main(void) { printf(\"%zu\", sizeof(struct kvm_regs)); return 0; }\n");
        CCompiler.Run(SweepTarget.Aarch64.Compiler, new[] { "-static", "-o", program, source }.Concat(SweepTarget.Aarch64.CompilerFlags), "aarch64 gcc");
        return CCompiler.Run(SweepTarget.Aarch64.Runner!, new[] { program }, "qemu-aarch64-static");
    }
}
