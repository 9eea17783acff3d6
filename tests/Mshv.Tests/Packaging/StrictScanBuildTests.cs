using System.IO;
using System.Linq;
using Xunit;

namespace Mshv.Tests.Packaging;

/// <summary>
/// <c>MshvStrict</c> hands the build's scan the CLI's <c>--strict</c> (an unrepresentable member, MSHVS007, is then an
/// error and no model is written: Scanner/IsolationTests). A stand-in scanner records the arguments it was given, so
/// no compile runs.
/// </summary>
public sealed class StrictScanBuildTests
{
    [Theory]
    [InlineData("<MshvStrict>true</MshvStrict>", true)]
    [InlineData("", false)]
    public void MshvStrict_passes_strict_to_the_scan_and_is_off_by_default(string property, bool strict)
    {
        using var project = new TempFolder("mshv-strict-");
        project.Write("h/ok.h", "struct ok { int a; };\n");
        string arguments = project.Combine("arguments.txt");
        // Records its arguments one a line, then fails as a scan with an error would, so the build stops there.
        string scanner = project.Write("scanner.sh", "printf '%s\\n' \"$@\" > '" + arguments + "'\necho 'mshv: error MSHVS002: stand-in'\nexit 1\n");
        InRepoConsumer.Write(
            project,
            property + "\n<MshvDotnetHost>/bin/sh</MshvDotnetHost>\n<MshvToolPath>" + scanner + "</MshvToolPath>",
            """<UapiHeader Include="h/ok.h" />""");

        DotnetResult build = DotnetCli.Build(project.Path);

        Assert.NotEqual(0, build.ExitCode);
        string[] given = File.ReadAllLines(arguments);
        Assert.Equal("scan", given.First());
        Assert.Equal(strict, given.Contains("--strict"));
    }
}
