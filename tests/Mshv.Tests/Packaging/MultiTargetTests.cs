using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Mshv.Abi;
using Mshv.Cli;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Tests.Conformance.Sweep;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Packaging;

/// <summary>
/// Issue 12: one set of types for several requested targets when their layouts are identical (a portable build listing
/// <c>MshvTargets</c>), and a located MSHVS021 naming what differs when they are not. Every size is gcc's, for each
/// target (aarch64 gcc's programs run under qemu-aarch64-static).
/// </summary>
public sealed class MultiTargetTests
{
    private const string X64 = "x86_64-unknown-linux-gnu";
    private const string Arm64 = "aarch64-unknown-linux-gnu";

    private const string HidrawProgram = """
        using System;
        using System.Runtime.CompilerServices;
        using Consumer.Interop;

        Console.WriteLine("triples=" + string.Join(",", HidrawTarget.Triples));
        Console.WriteLine("matches=" + HidrawTarget.ProcessMatches);
        Console.WriteLine(Unsafe.SizeOf<hidraw_devinfo>() + "," + Unsafe.SizeOf<hidraw_report_descriptor>() + "," + HidrawIoctls.HIDIOCGRDESC.Request);
        """;

    [Fact]
    public void A_portable_build_for_two_targets_whose_layouts_agree_gets_one_set_of_types_for_both()
    {
        Assert.True(SweepTarget.Aarch64.IsAvailable, "needs aarch64-linux-gnu-gcc and qemu-aarch64-static (.ci/prerequisites installs them)");
        using var project = new TempFolder("mshv-targets-");
        InRepoConsumer.Write(
            project,
            "<UseAppHost>false</UseAppHost><MshvTargets>linux-x64;linux-arm64</MshvTargets><MshvUapiIncludeRoot>" + UpstreamHeaders.IncludeRoot + "</MshvUapiIncludeRoot>",
            """<UapiHeader Include="linux/hidraw.h" />""",
            HidrawProgram);

        DotnetCli.Build(project.Path).AssertSucceeded("dotnet build (MshvTargets=linux-x64;linux-arm64)");
        string model = File.ReadAllText(Directory.EnumerateFiles(project.Combine("obj"), "hidraw.abi", SearchOption.AllDirectories).Single());
        string dll = Directory.EnumerateFiles(project.Combine("bin"), "Consumer.dll", SearchOption.AllDirectories).Single();
        string[] output = CCompiler.Run("dotnet", new[] { dll }, "running the two-target build").Split('\n');

        Assert.Contains("\ntarget " + X64 + " also=" + Arm64 + "\n", model);
        Assert.Equal("triples=" + X64 + "," + Arm64, output[0]);
        Assert.Equal("matches=True", output[1]);
        const string Sizes = "#include <linux/hidraw.h>\n#include <sys/ioctl.h>\n";
        const string Printed = "printf(\"%zu,%zu,%u\", sizeof(struct hidraw_devinfo), sizeof(struct hidraw_report_descriptor), (unsigned)HIDIOCGRDESC);";
        Assert.Equal(GccSays(SweepTarget.X86_64, Sizes, Printed), output[2]);
        Assert.Equal(GccSays(SweepTarget.Aarch64, Sizes, Printed), output[2]);
    }

    [Fact]
    public void Two_targets_whose_layouts_differ_are_MSHVS021_naming_the_records_at_the_first_ones_line()
    {
        Assert.True(SweepTarget.Aarch64.IsAvailable, "needs aarch64-linux-gnu-gcc and qemu-aarch64-static (.ci/prerequisites installs them)");
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = Program.Run(
            new[] { "scan", "--header", "linux/kvm.h", "--header", "asm/kvm.h", "--uapi-root", UpstreamHeaders.IncludeRoot, "--target", X64, "--target", Arm64 },
            output,
            error);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output.ToString());
        string diagnostic = error.ToString().Split('\n').Single(l => l.Contains("MSHVS021", StringComparison.Ordinal));
        Match where = Regex.Match(diagnostic, "^(?<file>[^:]+):(?<line>[0-9]+): error MSHVS021: the headers' layouts differ between " + X64 + " and " + Arm64);
        Assert.True(where.Success, diagnostic);
        Assert.Contains("Build per RuntimeIdentifier instead", diagnostic, StringComparison.Ordinal);
        Assert.Contains(" kvm_regs", diagnostic, StringComparison.Ordinal);

        // The first record named: its two sizes are each gcc's, and the diagnostic's line declares it.
        Match first = Regex.Match(diagnostic, "entities differ: struct (?<name>[a-z0-9_]+) \\(size (?<x64>[0-9]+) on " + X64 + ", (?<arm64>[0-9]+) on " + Arm64 + "\\)");
        Assert.True(first.Success, diagnostic);
        string name = first.Groups["name"].Value;
        const string Includes = "#include <linux/kvm.h>\n";
        Assert.Equal(GccSays(SweepTarget.X86_64, Includes, "printf(\"%zu\", sizeof(struct " + name + "));"), first.Groups["x64"].Value);
        Assert.Equal(GccSays(SweepTarget.Aarch64, Includes, "printf(\"%zu\", sizeof(struct " + name + "));"), first.Groups["arm64"].Value);
        Assert.Contains("struct " + name, File.ReadAllLines(where.Groups["file"].Value)[int.Parse(where.Groups["line"].Value) - 1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_list_naming_a_RID_without_a_kernel_layout_is_MSHV1007_naming_it()
    {
        using var project = new TempFolder("mshv-targets-");
        project.Write("h/ok.h", "struct ok { int a; };\n");
        InRepoConsumer.Write(project, "<UseAppHost>false</UseAppHost><MshvTargets>linux-x64;win-arm64</MshvTargets>", """<UapiHeader Include="h/ok.h" />""");

        DotnetResult build = DotnetCli.Build(project.Path);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(build.Output.Split('\n'), line => line.Contains("Consumer.csproj", StringComparison.Ordinal)
            && line.Contains("error MSHV1007: MshvTargets lists 'win-arm64'", StringComparison.Ordinal));
        Assert.DoesNotContain("'linux-x64'", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_of_a_model_for_two_targets_accepts_both_architectures()
    {
        AbiModel seed = AbiModelReader.Read(File.ReadAllText(RepoPaths.SeedModel), "mshv.abi");
        AbiModel both = seed with { AlsoTargets = new[] { Arm64 }.ToEquatableArray() };

        string target = BindingEmitter.Emit(both, new EmitOptions("Two.Targets", "Mshv", EmitIoctlSupportTypes: true)).Files
            .Single(f => f.Source.Contains("static partial class MshvTarget", StringComparison.Ordinal)).Source;

        Assert.Contains("public static readonly bool ProcessMatches = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64;", target, StringComparison.Ordinal);
        Assert.Contains("Triples { get; } = Array.AsReadOnly(new[] { \"" + X64 + "\", \"" + Arm64 + "\" });", target, StringComparison.Ordinal);
        Assert.Contains("were generated for " + X64 + " and " + Arm64 + ", but", target, StringComparison.Ordinal);
    }

    /// <summary>What a target's gcc prints for <paramref name="statement"/>, with the fetched 7.x headers first.</summary>
    private static string GccSays(SweepTarget target, string includes, string statement)
    {
        using var folder = new TempDirectory("targets-oracle");
        string source = Path.Combine(folder.Path, "oracle.c");
        string program = Path.Combine(folder.Path, "oracle");
        File.WriteAllText(source, "#include <stdio.h>\n" + includes + "int main(void) { " + statement + " return 0; }\n");
        CCompiler.Run(target.Compiler, new[] { "-o", program, source }.Concat(target.LinkFlags).Concat(target.CompilerFlags), target.Compiler);
        return target.Runner is null
            ? CCompiler.Run(program, Array.Empty<string>(), target.Name + " oracle")
            : CCompiler.Run(target.Runner, new[] { program }, target.Name + " oracle under " + target.Runner);
    }
}
