using System.Linq;
using Xunit;

namespace Mshv.Tests.Packaging;

/// <summary>
/// What a user sees when the project asks for something that cannot be scanned: an MSBuild error with a stable id
/// at the project file (build-time MSHV1xxx) or at the header line (the scanner's MSHVS00N).
/// </summary>
public sealed class BuildTimeErrorTests
{
    [Fact]
    public void Missing_header_is_MSHV1001_at_the_project_file()
    {
        using var project = new TempFolder("mshv-err-");
        InRepoConsumer.Write(project, string.Empty, """<UapiHeader Include="include/no-such-header.h" />""");
        DotnetResult build = DotnetCli.Build(project.Path);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(ErrorLine(build, "MSHV1001"), line => line.StartsWith(project.Combine("Consumer.csproj") + " : error MSHV1001:", System.StringComparison.Ordinal) && line.Contains("include/no-such-header.h"));
    }

    [Fact]
    public void Missing_include_directory_is_MSHV1002_naming_the_directory()
    {
        using var project = new TempFolder("mshv-err-");
        project.Write("h/ok.h", "struct ok { int a; };\n");
        InRepoConsumer.Write(project, "<MshvIncludeDirectories>h;missing-dir</MshvIncludeDirectories>", """<UapiHeader Include="h/ok.h" />""");
        DotnetResult build = DotnetCli.Build(project.Path);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(ErrorLine(build, "MSHV1002"), line => line.Contains("Consumer.csproj") && line.Contains("'missing-dir'"));
        Assert.DoesNotContain("'h'", string.Join("\n", ErrorLine(build, "MSHV1002")));
    }

    [Fact]
    public void Malformed_define_is_MSHV1003()
    {
        using var project = new TempFolder("mshv-err-");
        project.Write("h/ok.h", "struct ok { int a; };\n");
        InRepoConsumer.Write(project, "<MshvDefines>1BAD=2</MshvDefines>", """<UapiHeader Include="h/ok.h" />""");
        DotnetResult build = DotnetCli.Build(project.Path);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(ErrorLine(build, "MSHV1003"), line => line.Contains("Consumer.csproj") && line.Contains("1BAD=2"));
    }

    [Fact]
    public void Unusable_model_name_is_MSHV1004()
    {
        using var project = new TempFolder("mshv-err-");
        project.Write("h/ok.h", "struct ok { int a; };\n");
        InRepoConsumer.Write(project, "<MshvModelName>bad name</MshvModelName>", """<UapiHeader Include="h/ok.h" />""");
        DotnetResult build = DotnetCli.Build(project.Path);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(ErrorLine(build, "MSHV1004"), line => line.Contains("Consumer.csproj") && line.Contains("'bad name'"));
    }

    [Fact]
    public void Missing_libclang_is_MSHV1005_saying_to_restore()
    {
        using var project = new TempFolder("mshv-err-");
        project.Write("h/ok.h", "struct ok { int a; };\n");
        InRepoConsumer.Write(project, "<MshvLibClangPath>" + project.Combine("no", "libclang.so") + "</MshvLibClangPath>", """<UapiHeader Include="h/ok.h" />""");
        DotnetResult build = DotnetCli.Build(project.Path);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(ErrorLine(build, "MSHV1005"), line => line.Contains("Consumer.csproj") && line.Contains("dotnet restore"));
    }

    [Fact]
    public void A_C_error_in_a_header_is_an_MSBuild_error_on_that_header_line()
    {
        using var project = new TempFolder("mshv-err-");
        string header = project.Write("h/broken.h", "struct fine { int a; };\n\nstruct broken { no_such_type b; };\n");
        InRepoConsumer.Write(project, string.Empty, """<UapiHeader Include="h/broken.h" />""");
        DotnetResult build = DotnetCli.Build(project.Path);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(ErrorLine(build, "MSHVS002"), line => line.StartsWith(header + "(3): error MSHVS002:", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_scanner_killed_by_a_signal_is_MSHV1008_at_the_header_naming_the_signal()
    {
        // What a truncated libclang.so does to the scanner (SIGBUS when a mapped page is past the end of the file).
        using var project = new TempFolder("mshv-err-");
        string header = project.Write("h/ok.h", "struct ok { int a; };\n");
        string crashing = project.Write("crash.sh", "kill -BUS $$\n");
        InRepoConsumer.Write(project, "<MshvDotnetHost>/bin/sh</MshvDotnetHost>\n<MshvToolPath>" + crashing + "</MshvToolPath>", """<UapiHeader Include="h/ok.h" />""");
        DotnetResult build = DotnetCli.Build(project.Path);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(ErrorLine(build, "MSHV1008"), line => line.StartsWith(header + " : error MSHV1008: The Mshv scanner crashed with SIGBUS", System.StringComparison.Ordinal));
        Assert.Empty(ErrorLine(build, "MSHV1006"));
    }

    private static string[] ErrorLine(DotnetResult build, string id) =>
        build.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("error " + id + ":")).ToArray();
}
