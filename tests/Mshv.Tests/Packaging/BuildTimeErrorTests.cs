using System;
using System.IO;
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
    public void A_header_added_by_a_target_is_MSHV1010_not_a_silently_different_scan()
    {
        using var project = new TempFolder("mshv-err-");
        project.Write("h/ok.h", "struct ok { int a; };\n");
        project.Write("h/late.h", "struct late { int b; };\n");
        InRepoConsumer.Write(project, string.Empty, """
            <UapiHeader Include="h/ok.h" />
            </ItemGroup>
            <Target Name="AddLateHeader" BeforeTargets="PrepareForBuild">
              <ItemGroup><UapiHeader Include="h/late.h" /></ItemGroup>
            </Target>
            <ItemGroup>
            """);
        DotnetResult build = DotnetCli.Build(project.Path);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(ErrorLine(build, "MSHV1010"), line => line.Contains("Consumer.csproj") && line.Contains("not in a target"));
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
    public void A_missing_build_task_is_MSHV1011_saying_to_restore_not_MSB4062()
    {
        using var project = new TempFolder("mshv-err-");
        project.Write("h/ok.h", "struct ok { int a; };\n");
        string missing = project.Combine("no", "Mshv.Build.Tasks.dll");
        InRepoConsumer.Write(project, "<MshvTasksAssembly>" + missing + "</MshvTasksAssembly>", """<UapiHeader Include="h/ok.h" />""");
        DotnetResult build = DotnetCli.Build(project.Path);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(ErrorLine(build, "MSHV1011"), line => line.Contains("Consumer.csproj") && line.Contains("dotnet restore"));
        Assert.DoesNotContain("MSB4062", build.Output);
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

    /// <summary>Issue 9, finding 6, through the build: a header that includes itself is one MSBuild error per problem.</summary>
    [Fact]
    public void A_self_include_is_one_MSBuild_error_per_problem()
    {
        using var project = new TempFolder("mshv-err-");
        string header = project.Write("h/self.h", "#include \"self.h\"\nstruct a { int x; };\n");
        InRepoConsumer.Write(project, string.Empty, """<UapiHeader Include="h/self.h" />""");
        DotnetResult build = DotnetCli.Build(project.Path);
        Assert.NotEqual(0, build.ExitCode);

        // MSBuild prints each error twice (as it happens and in its summary): distinct lines, and its own count.
        string[] errors = build.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ")).Distinct().Order(System.StringComparer.Ordinal).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.StartsWith(header + "(1): error MSHVS002: #include nested too deeply", errors[0], System.StringComparison.Ordinal);
        Assert.StartsWith(header + "(2): error MSHVS002: redefinition of 'a'", errors[1], System.StringComparison.Ordinal);
        Assert.Contains("2 Error(s)", build.Output, System.StringComparison.Ordinal);
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

    /// <summary>
    /// Issue 9, finding 7: the folder the model is written to (<c>obj/…/mshv/</c>) is not writable. Root writes a
    /// read-only folder anyway (CAP_DAC_OVERRIDE), so under root the scanner runs through <c>setpriv</c> without that
    /// capability (and CAP_DAC_READ_SEARCH): it then obeys the mode bits as any user does, and the folder is truly
    /// unwritable to it. The build must say MSHV1009 naming the file, never MSHV1006 ("without a diagnostic").
    /// </summary>
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_model_folder_the_scanner_cannot_write_is_MSHV1009_naming_the_file()
    {
        using var project = new TempFolder("mshv-err-");
        project.Write("h/ok.h", "struct ok { int a; };\n");
        string modelFolder = project.Combine("obj", "Debug", "net10.0", "mshv");
        Directory.CreateDirectory(modelFolder);
        File.SetUnixFileMode(modelFolder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet";
        string launcher = project.Write("unprivileged-dotnet", "#!/bin/sh\nexec " + string.Concat(WithoutDacOverride.Select(a => a + " ")) + "\"" + host + "\" \"$@\"\n");
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.False(CanCreateFileIn(modelFolder), "the model folder is writable to the scanner: the test proves nothing");
        InRepoConsumer.Write(project, "<MshvDotnetHost>" + launcher + "</MshvDotnetHost>", """<UapiHeader Include="h/ok.h" />""");

        DotnetResult build = DotnetCli.Build(project.Path);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains(ErrorLine(build, "MSHV1009"), line => line.Contains("Consumer.csproj") && line.Contains(Path.Combine(modelFolder, "ok.abi")));
        Assert.Empty(ErrorLine(build, "MSHV1006"));
    }

    /// <summary>How the scanner is started under root: without the capabilities that let root ignore mode bits.</summary>
    private static readonly string[] WithoutDacOverride = Environment.IsPrivilegedProcess
        ? new[] { "setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search", "--" }
        : Array.Empty<string>();

    /// <summary>Whether a process started like the scanner can create a file in <paramref name="folder"/>.</summary>
    private static bool CanCreateFileIn(string folder)
    {
        string probe = Path.Combine(folder, "probe");
        string[] command = WithoutDacOverride.Append("touch").Append(probe).ToArray();
        using var touch = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(command[0], command.Skip(1)) { RedirectStandardError = true })!;
        touch.WaitForExit();
        return File.Exists(probe);
    }

    private static string[] ErrorLine(DotnetResult build, string id) =>
        build.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("error " + id + ":")).ToArray();
}
