using System.IO;
using Mshv.Cli;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Scanner;

public sealed class ScanCommandTests
{
    [Fact]
    public void Scan_prints_the_seed_model()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string h = RepoPaths.Headers;
        int exit = Program.Run(
            new[] { "scan", "--header", Path.Combine(h, "linux/mshv.h"), Path.Combine(h, "asm/hyperv-tlfs.h"), "--header", Path.Combine(h, "asm-generic/hyperv-tlfs.h"), "-I", h, "--include", "linux/ioctl.h" },
            output,
            error);
        Assert.Equal(0, exit);
        Assert.Equal(File.ReadAllText(RepoPaths.SeedModel), output.ToString());
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public void Scan_without_header_is_a_usage_error()
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(new[] { "scan", "-I", "x" }, new StringWriter(), error));
        Assert.Contains("--header", error.ToString());
    }

    [Fact]
    public void Unknown_option_is_a_usage_error()
    {
        Assert.Equal(2, Program.Run(new[] { "scan", "--header", "a.h", "--frobnicate" }, new StringWriter(), new StringWriter()));
    }

    [Fact]
    public void Scan_errors_exit_1_with_one_diagnostic_a_line()
    {
        var error = new StringWriter();
        Assert.Equal(1, Program.Run(new[] { "scan", "--header", "missing-one.h", "missing-two.h" }, new StringWriter(), error));
        string[] lines = error.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Contains("error MSHVS001", line));
    }
}
