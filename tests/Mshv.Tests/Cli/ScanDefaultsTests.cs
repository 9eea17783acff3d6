using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Mshv.Cli;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Scanner;
using Xunit;

namespace Mshv.Tests.Cli;

/// <summary>
/// The CLI compiles uapi headers as C users do: <c>&lt;linux/ioctl.h&gt;</c> comes first (every C user has it
/// through <c>&lt;sys/ioctl.h&gt;</c>) unless <c>--no-ioctl-prelude</c>; a scan to a file says in one line what it found.
/// </summary>
public sealed class ScanDefaultsTests
{
    // Like hidraw.h: _IOR without #include <linux/ioctl.h>.
    private const string Header = "struct widget_info { unsigned int size; };\n#define WIDGET_GET_INFO _IOR('W', 1, struct widget_info)\n";

    [Fact]
    public void A_header_using_IOR_without_including_linux_ioctl_h_gets_its_ioctl_by_default_with_the_number_gcc_computes()
    {
        using var headers = new TempHeaders();
        string header = headers.Write("widget.h", Header);
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = Program.Run(new[] { "scan", "--header", header }, output, error);

        Assert.True(exit == 0, error.ToString());
        Assert.DoesNotContain("MSHVS004", error.ToString());
        string gcc = CCompiler.CompileAndRun(
            "#include <stdio.h>\n#include <linux/ioctl.h>\n#include \"" + header + "\"\n"
            + "int main(void) { printf(\"%x\", (unsigned)WIDGET_GET_INFO); return 0; }\n",
            System.Array.Empty<string>()).Trim();
        Assert.Contains(output.ToString().Split('\n'), line => line.StartsWith("ioctl WIDGET_GET_INFO", System.StringComparison.Ordinal)
            && line.Contains("0x" + gcc, System.StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void No_ioctl_prelude_scans_exactly_what_the_header_includes()
    {
        using var headers = new TempHeaders();
        string header = headers.Write("widget.h", Header);
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = Program.Run(new[] { "scan", "--header", header, "--no-ioctl-prelude" }, output, error);

        Assert.Equal(0, exit);
        Assert.Contains("MSHVS004", error.ToString());
        Assert.DoesNotContain("ioctl WIDGET_GET_INFO", output.ToString());
    }

    [Fact]
    public void A_scan_to_a_file_prints_one_summary_line()
    {
        using var headers = new TempHeaders();
        string header = headers.Write("widget.h", Header + "struct other { char c; };\n#define WIDGET_MAX 4\n");
        var output = new StringWriter();

        string model = Path.Combine(headers.Directory, "widget.abi");
        int exit = Program.Run(new[] { "scan", "--header", header, "--out", model }, output, new StringWriter());

        Assert.Equal(0, exit);
        string line = Assert.Single(output.ToString().Split('\n'), l => l.Length > 0);
        Assert.Matches(new Regex(@"^Mshv: (test/)?widget\.h -> 2 records, 1 ioctls, \d+ constants \(\d+\.\d s\)$"), line);
        Assert.Single(File.ReadAllLines(model), l => l.StartsWith("ioctl ", System.StringComparison.Ordinal));
    }
}
