using System;
using System.IO;
using System.Linq;
using Mshv.Scanner;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Scanner;

public sealed class BadInputTests
{
    [Fact]
    public void Missing_header_is_reported_before_parsing()
    {
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { "no/such-header.h" }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
        Assert.Null(result.Model);
        ScanDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ScanDiagnosticIds.HeaderNotFound, diagnostic.Id);
        Assert.Equal(ScanSeverity.Error, diagnostic.Severity);
        Assert.StartsWith("no/such-header.h: error MSHVS001: header not found", diagnostic.ToString());
    }

    [Fact]
    public void Syntax_error_is_reported_at_its_header_and_line_with_no_model()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("broken.h", "struct fine { int a; };\n\nstruct broken { int a[; };\n");
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
        Assert.Null(result.Model);
        ScanDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ScanDiagnosticIds.ClangError, diagnostic.Id);
        Assert.Equal(path, diagnostic.File);
        Assert.Equal(3, diagnostic.Line);
        Assert.StartsWith(path + ":3: error MSHVS002: ", diagnostic.ToString());
    }

    [Fact]
    public void Request_naming_an_undeclared_type_warns_with_clangs_reason_at_its_line()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("req.h", "#include <linux/ioctl.h>\nstruct ok { int a; };\n#define REQ_OK _IOW('r', 1, struct ok)\n#define REQ_SIZE _IOW('r', 2, size_t)\n");

        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));

        Assert.NotNull(result.Model);
        ScanDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal(ScanDiagnosticIds.RequestNotEvaluated, warning.Id);
        Assert.Equal(ScanSeverity.Warning, warning.Severity);
        Assert.Equal(path, warning.File);
        Assert.Equal(4, warning.Line);
        Assert.Contains("REQ_SIZE", warning.Message, StringComparison.Ordinal);
        Assert.Contains("size_t", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Include <stddef.h>, which declares size_t", warning.Message, StringComparison.Ordinal);
        Assert.Contains(result.Model!.Ioctls, i => i.Name == "REQ_OK");
        Assert.DoesNotContain(result.Model.Ioctls, i => i.Name == "REQ_SIZE");

        // The hint is the fix: with <stddef.h> first, the request is bound and nothing is reported.
        var withStddef = new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), new[] { "stddef.h" });
        ScanResult fixedScan = HeaderScanner.Scan(withStddef);
        Assert.Empty(fixedScan.Diagnostics);
        Assert.Contains(fixedScan.Model!.Ioctls, i => i.Name == "REQ_SIZE");
    }

    [Theory]
    [InlineData("i686-pc-linux-gnu")]
    [InlineData("armv7-unknown-linux-gnueabihf")]
    [InlineData("x86_64-unknown-linux-gnux32")]
    public void A_target_that_is_not_LP64_is_refused_not_scanned_with_sizes_the_model_does_not_say(string triple)
    {
        // On i686 'long double' is 12 bytes, recorded as a 16-byte f80 that overlapped the next member.
        ScanResult result = HeaderScanner.Scan(ScanSetups.Seed with { Target = triple });

        Assert.Null(result.Model);
        ScanDiagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal(ScanDiagnosticIds.InvalidOption, error.Id);
        Assert.Contains("'" + triple + "' is not a 64-bit (LP64) Linux target", error.Message, StringComparison.Ordinal);
        Assert.True(HeaderScanner.IsLp64("aarch64-unknown-linux-gnu") && HeaderScanner.IsLp64("x86_64-unknown-linux-musl"));
    }

    [Fact]
    public void Undefined_IOW_warns_with_macro_header_line_and_missing_macro()
    {
        var options = ScanSetups.Seed with { PreludeIncludes = Array.Empty<string>() };
        ScanResult result = HeaderScanner.Scan(options);
        Assert.NotNull(result.Model);
        ScanDiagnostic warning = Assert.Single(result.Diagnostics, d => d.Message.Contains("MSHV_CREATE_PARTITION", StringComparison.Ordinal));
        Assert.Equal(ScanDiagnosticIds.UndefinedMacro, warning.Id);
        Assert.Equal(ScanSeverity.Warning, warning.Severity);
        Assert.Equal(Path.Combine(RepoPaths.Headers, "linux", "mshv.h"), warning.File);
        Assert.Equal(LineOf("linux/mshv.h", "#define MSHV_CREATE_PARTITION"), warning.Line);
        Assert.Contains("_IOW", warning.Message, StringComparison.Ordinal);
        Assert.Contains("linux/mshv.h:" + warning.Line, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Model!.Macros, m => m.Name == "MSHV_CREATE_PARTITION");
        Assert.Empty(result.Model.Ioctls);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == ScanSeverity.Error);
    }

    [Fact]
    public void Errors_inside_macro_probes_only_drop_that_macro()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("probes.h", "#define GOOD 3\n#define TEXT \"text\"\n#define BRACE }\n#define LATER (GOOD + 1)\n");
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { "GOOD", "LATER" }, result.Model!.Macros.Select(m => m.Name).ToArray());
        Assert.Equal("4", result.Model.Macros.Single(m => m.Name == "LATER").Value);
    }

    [Fact]
    public void Malformed_define_and_missing_include_directory_are_option_errors()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("ok.h", "struct ok { int a; };\n");
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, new[] { Path.Combine(temp.Directory, "missing") }, new[] { "1BAD=2" }, Array.Empty<string>()));
        Assert.Null(result.Model);
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == ScanDiagnosticIds.InvalidOption));
    }

    private static int LineOf(string header, string text) =>
        Array.FindIndex(File.ReadAllLines(Path.Combine(RepoPaths.Headers, header)), line => line.StartsWith(text, StringComparison.Ordinal)) + 1;
}
