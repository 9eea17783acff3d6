using System.IO;
using Mshv.Cli;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>The options the build targets pass to <c>mshv scan</c>: MSBuild-form diagnostics and an explicit libclang.</summary>
public sealed class ScanForBuildOptionsTests
{
    [Fact]
    public void Msbuild_diagnostics_put_a_C_error_on_its_header_line()
    {
        using var headers = new TempHeaders();
        string header = headers.Write("broken.h", "struct fine { int a; };\nstruct broken { no_such_type b; };\n");
        var error = new StringWriter();
        int exit = Program.Run(new[] { "scan", "--header", header, "--diagnostics", "msbuild", "--project", "/p/App.csproj" }, new StringWriter(), error);
        Assert.Equal(1, exit);
        Assert.StartsWith(header + "(2): error MSHVS002: ", error.ToString());
    }

    [Fact]
    public void Msbuild_diagnostics_report_a_missing_header_at_the_project_as_MSHV1001()
    {
        var error = new StringWriter();
        int exit = Program.Run(new[] { "scan", "--header", "linux/no-such.h", "--diagnostics", "msbuild", "--project", "/p/App.csproj" }, new StringWriter(), error);
        Assert.Equal(1, exit);
        Assert.StartsWith("/p/App.csproj: error MSHV1001: UapiHeader 'linux/no-such.h': header not found", error.ToString());
    }

    [Fact]
    public void Unknown_diagnostics_format_is_a_usage_error()
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(new[] { "scan", "--header", "a.h", "--diagnostics", "json" }, new StringWriter(), error));
        Assert.Contains("'json'", error.ToString());
    }

    [Fact]
    public void A_libclang_path_that_does_not_exist_is_MSHV1005_and_nothing_is_loaded()
    {
        string missing = Path.Combine(Path.GetTempPath(), "mshv-no-libclang", "libclang.so");
        var error = new StringWriter();
        int exit = Program.Run(new[] { "scan", "--header", "linux/kvm.h", "--libclang", missing }, new StringWriter(), error);
        Assert.Equal(1, exit);
        Assert.Contains("error MSHV1005: libclang not found at " + missing, error.ToString());
    }
}
