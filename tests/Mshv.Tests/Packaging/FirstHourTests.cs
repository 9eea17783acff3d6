using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Packaging;

/// <summary>
/// A new user's first hour, from the packed packages: a fresh console project set up as the README says, with
/// <c>TreatWarningsAsErrors</c> and the latest analysis level, no <c>MshvNamespace</c> and one system header that
/// uses <c>_IOR</c> without including <c>&lt;linux/ioctl.h&gt;</c>, builds without a warning and binds the ioctl
/// numbers gcc computes; then each single mistake gives exactly one error.
/// </summary>
public sealed class FirstHourTests
{
    private const string Strict = """
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <AnalysisLevel>latest</AnalysisLevel>
        """;

    private const string CProbe = """
        #include <stdio.h>
        #include <linux/ioctl.h>
        #include <linux/hidraw.h>
        int main(void) { printf("%lu %lu\n", (unsigned long)HIDIOCGRDESCSIZE, (unsigned long)HIDIOCGRAWINFO); return 0; }
        """;

    // No MshvNamespace: the types land in the project's RootNamespace (Consumer) + ".Interop".
    private const string Program = """
        using Consumer.Interop;

        Console.WriteLine(HidrawConstants.HIDIOCGRDESCSIZE + " " + HidrawIoctls.HIDIOCGRAWINFO.Request);
        """;

    [Fact]
    public void A_fresh_strict_project_binds_hidraw_without_a_warning_and_a_misspelled_header_is_one_error()
    {
        using PackageConsumer consumer = PackedFeed.Instance.NewConsumer("mshv-first-hour-");
        consumer.Write(Strict, """<UapiHeader Include="linux/hidraw.h" />""", Program);

        DotnetResult build = consumer.Build("-v:n").AssertSucceeded("the hidraw consumer");
        Assert.Equal((0, 0), Counts(build));
        Assert.Matches(new Regex(@"Mshv: linux/hidraw\.h -> \d+ records, [1-9]\d* ioctls, \d+ constants \(\d+\.\d s\)"), build.Output);
        Assert.Equal(CCompiler.CompileAndRun(CProbe, Array.Empty<string>()).Trim(), consumer.Run().Output.Trim());

        consumer.Write(Strict, """<UapiHeader Include="linux/hidraww.h" />""", Program);
        DotnetResult misspelled = consumer.Build("--no-restore");
        Assert.NotEqual(0, misspelled.ExitCode);
        Assert.Equal((1, 0), Counts(misspelled));
        Assert.Single(Errors(misspelled), e => e.Contains("error MSHV1001:", StringComparison.Ordinal)
            && e.Contains("linux/hidraww.h", StringComparison.Ordinal));
    }

    [Fact]
    public void A_C_syntax_error_in_a_header_is_one_error_at_its_line()
    {
        using PackageConsumer consumer = PackedFeed.Instance.NewConsumer("mshv-first-hour-");
        string header = consumer.Folder.Write("include/broken.h", "struct fine { int a; };\nstruct broken { int b }\n");
        const string UsesTheModel = "Console.WriteLine(System.Runtime.CompilerServices.Unsafe.SizeOf<Consumer.Interop.fine>());\n";
        consumer.Write(Strict, """<UapiHeader Include="include/broken.h" />""", UsesTheModel);

        DotnetResult build = consumer.Build();
        Assert.NotEqual(0, build.ExitCode);
        Assert.Equal((1, 0), Counts(build));
        Assert.Single(Errors(build), e => e.StartsWith(header + "(2): error MSHVS002:", StringComparison.Ordinal));
    }

    /// <summary>The distinct error lines (MSBuild repeats them in its summary).</summary>
    private static string[] Errors(DotnetResult build) =>
        build.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToArray();

    /// <summary>MSBuild's own totals: "N Warning(s)" and "N Error(s)".</summary>
    private static (int Errors, int Warnings) Counts(DotnetResult build)
    {
        int Count(string what) =>
            int.Parse(Regex.Match(build.Output, @"(\d+) " + what + @"\(s\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (Count("Error"), Count("Warning"));
    }
}
