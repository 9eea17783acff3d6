using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Cli;
using Mshv.Tests.AbiDiffTests;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Cli;

/// <summary><c>mshv abi-check</c> (the build's gate) and <c>mshv abi-accept</c> on models from gcc-checked scans.</summary>
public sealed class AbiGateCommandTests
{
    private const string Before = "struct args { __u64 flags; };\n#define ARGS_SET _IOW(0xB9, 0x01, struct args)";
    private const string After = "struct args { __u64 flags; __u64 extra; };\n#define ARGS_SET _IOW(0xB9, 0x01, struct args)\n#define ARGS_FLAG 1";

    [Fact]
    public void Check_prints_one_located_error_per_breaking_change_and_a_warning_per_compatible_one()
    {
        using var folder = new Packaging.TempFolder("mshv-abicheck-");
        string baseline = folder.Write("base.abi", AbiModelWriter.Write(CheckedScan.Model(Before)));
        string model = folder.Write("fresh.abi", AbiModelWriter.Write(CheckedScan.Model(After)));
        string header = folder.Write("inc/t.h", "/* the header the scan read */\n");
        string deps = folder.Write("fresh.abi.deps", header + "\n");
        var error = new StringWriter();

        int exit = Program.Run(new[] { "abi-check", "--baseline", baseline, "--model", model, "--deps", deps, "--diagnostics", "msbuild" }, new StringWriter(), error);

        Assert.Equal(1, exit);
        string[] lines = error.ToString().Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Count(l => l.Contains(": error MSHV2001: ")));
        Assert.Contains(lines, l => l.StartsWith(header + "(", System.StringComparison.Ordinal) && l.Contains("): error MSHV2001: struct args [record-size-changed]"));
        Assert.Contains(lines, l => l.Contains(": warning MSHV2002: macro ARGS_FLAG [macro-added]"));

        var quiet = new StringWriter();
        Program.Run(new[] { "abi-check", "--baseline", baseline, "--model", model, "--no-compatible-warnings" }, new StringWriter(), quiet);
        Assert.DoesNotContain("MSHV2002", quiet.ToString());
        Assert.Contains("t.h:", quiet.ToString());
    }

    [Fact]
    public void Accept_prints_what_it_accepts_and_makes_the_model_the_baseline()
    {
        using var folder = new Packaging.TempFolder("mshv-abiaccept-");
        string baseline = folder.Combine("abi", "base.abi");
        string before = folder.Write("before.abi", AbiModelWriter.Write(CheckedScan.Model(Before)));
        string after = folder.Write("after.abi", AbiModelWriter.Write(CheckedScan.Model(After)));

        var created = new StringWriter();
        Assert.Equal(0, Program.Run(new[] { "abi-accept", "--model", before, "--baseline", baseline }, created, new StringWriter()));
        Assert.Contains("creating the ABI baseline", created.ToString());

        var accepted = new StringWriter();
        Assert.Equal(0, Program.Run(new[] { "abi-accept", "--model", after, "--baseline", baseline }, accepted, new StringWriter()));
        Assert.Contains("struct args [record-size-changed]", accepted.ToString());
        Assert.Equal(File.ReadAllText(after), File.ReadAllText(baseline));
        Assert.Equal(0, Program.Run(new[] { "abi-check", "--baseline", baseline, "--model", after }, new StringWriter(), new StringWriter()));
    }

    [Fact]
    public void Check_of_an_unreadable_baseline_is_MSHV2005_and_exit_2()
    {
        using var folder = new Packaging.TempFolder("mshv-abicheck-");
        string model = folder.Write("fresh.abi", AbiModelWriter.Write(CheckedScan.Model(Before)));
        var error = new StringWriter();

        Assert.Equal(2, Program.Run(new[] { "abi-check", "--baseline", folder.Combine("missing.abi"), "--model", model }, new StringWriter(), error));
        Assert.Contains("error MSHV2005: cannot read the ABI model", error.ToString());
    }
}
