using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Mshv.Tests.Packaging;

/// <summary>
/// The ABI gate end to end in a fresh project (build integration from the source tree): the first build writes the
/// baseline, a breaking header edit fails the build with MSHV2001 at the header line, accepting passes, and a build
/// where libclang is unavailable builds from the baseline alone, or names the baseline a target triple lacks.
/// </summary>
public sealed class AbiGateBuildTests
{
    private const string Triple = "x86_64-unknown-linux-gnu";

    private const string HeaderV1 = """
        #include <linux/ioctl.h>
        #include <linux/types.h>

        struct dev_args {
            __u64 flags;
        };

        #define DEV_SET _IOW(0xB9, 0x01, struct dev_args)
        """;

    private const string Program = "System.Console.WriteLine(System.Runtime.CompilerServices.Unsafe.SizeOf<Consumer.Interop.dev_args>());\n";

    [Fact]
    public void Baseline_gates_breaking_changes_accepts_them_and_builds_without_libclang()
    {
        using var project = new TempFolder("mshv-abigate-");
        string header = project.Write("include/dev.h", HeaderV1);
        InRepoConsumer.Write(project, "<AllowUnsafeBlocks>true</AllowUnsafeBlocks>\n<MshvAbiBaseline>abi/dev.abi</MshvAbiBaseline>", """<UapiHeader Include="include/dev.h" />""", Program);
        string baseline = project.Combine("abi", "dev." + Triple + ".abi");

        // 1. No baseline yet: this scan writes it, and says to check it in.
        DotnetResult first = DotnetCli.Build(project.Path).AssertSucceeded("the first build");
        Assert.Contains("warning MSHV2003", first.Output);
        Assert.Contains("struct dev_args ", File.ReadAllText(baseline));
        Assert.DoesNotContain("field extra", File.ReadAllText(baseline));

        // 2. The struct grows (and with it the _IOW number), and a macro is added: one error per breaking change, at the header line.
        string grown = HeaderV1.Replace("__u64 flags;", "__u64 flags;\n    __u64 extra;") + "\n#define DEV_FLAG_X 4\n";
        File.WriteAllText(header, grown);
        DotnetResult gated = DotnetCli.Build(project.Path);
        Assert.NotEqual(0, gated.ExitCode);
        string[] errors = Lines(gated, "error MSHV2001:");
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, l => l.StartsWith(header + "(" + LineOf(grown, "struct dev_args {") + "): error MSHV2001: struct dev_args [record-size-changed]: grew from", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.StartsWith(header + "(" + LineOf(grown, "#define DEV_SET") + "): error MSHV2001: ioctl DEV_SET [ioctl-request-changed]", StringComparison.Ordinal));
        Assert.All(errors, l => Assert.Contains("dotnet build -p:MshvAcceptAbi=true", l));
        Assert.Contains(Lines(gated, "warning MSHV2002:"), l => l.StartsWith(header + "(" + LineOf(grown, "#define DEV_FLAG_X") + "): warning MSHV2002: macro DEV_FLAG_X [macro-added]", StringComparison.Ordinal));

        // 3. Accepting rewrites the baseline; the next build passes with nothing to say.
        DotnetCli.Build(project.Path, "-p:MshvAcceptAbi=true").AssertSucceeded("the accepting build");
        Assert.Contains("field extra", File.ReadAllText(baseline));
        DotnetResult clean = DotnetCli.Build(project.Path).AssertSucceeded("the build after accepting");
        Assert.Empty(Lines(clean, "MSHV2001"));
        Assert.Empty(Lines(clean, "MSHV2002"));

        // 4. libclang unavailable: the build uses the baseline alone. The header no longer declares dev_args at all, so
        // Program.cs compiles only because the generator read the checked-in model.
        File.WriteAllText(header, "#include <linux/types.h>\nstruct other { __u32 a; };\n");
        string noLibClang = "-p:MshvLibClangPath=" + project.Combine("no", "libclang.so");
        DotnetResult fromBaseline = DotnetCli.Build(project.Path, noLibClang).AssertSucceeded("the build without libclang");
        Assert.Contains("Mshv: not scanning (libclang was not found at", fromBaseline.Output);
        Assert.Equal(File.ReadAllText(baseline), File.ReadAllText(Directory.GetFiles(project.Combine("obj"), "dev.abi", SearchOption.AllDirectories).Single()));

        // 5. A target triple with no baseline, where nothing can be scanned: the error names the file it needs.
        DotnetResult otherTarget = DotnetCli.Build(project.Path, noLibClang, "-p:MshvTargetTriple=aarch64-unknown-linux-gnu");
        Assert.NotEqual(0, otherTarget.ExitCode);
        Assert.Contains(Lines(otherTarget, "error MSHV2004:"), l => l.Contains("'" + project.Combine("abi", "dev.aarch64-unknown-linux-gnu.abi") + "' does not exist"));

        // 6. A target with no kernel layout is MSHV1007 where nothing is scanned too (not a baseline of no triple).
        DotnetResult noLayout = DotnetCli.Build(project.Path, noLibClang, "-p:MshvTargets=linux-riscv64");
        Assert.NotEqual(0, noLayout.ExitCode);
        Assert.Contains(Lines(noLayout, "error MSHV1007:"), l => l.Contains("'linux-riscv64'"));

        // 7. Scanning again after a build that took the model from the baseline (MshvScan=false: the scan's options are
        // the same): the headers are scanned again, so the gate still sees that the header no longer declares dev_args
        // (the baseline kept as the model, compared with itself, would say nothing).
        Assert.Contains(Lines(DotnetCli.Build(project.Path), "error MSHV2001:"), l => l.Contains("dev_args"));
        DotnetCli.Build(project.Path, "-p:MshvScan=false").AssertSucceeded("the build with MshvScan=false");
        DotnetResult scannedAgain = DotnetCli.Build(project.Path);
        Assert.Contains("struct other ", File.ReadAllText(Directory.GetFiles(project.Combine("obj"), "dev.abi", SearchOption.AllDirectories).Single()));
        Assert.Contains(Lines(scannedAgain, "error MSHV2001:"), l => l.Contains("dev_args"));
    }

    private static int LineOf(string text, string start) =>
        Array.FindIndex(text.Split('\n'), l => l.StartsWith(start, StringComparison.Ordinal)) + 1;

    private static string[] Lines(DotnetResult build, string marker) =>
        build.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(marker)).Distinct().ToArray();
}
