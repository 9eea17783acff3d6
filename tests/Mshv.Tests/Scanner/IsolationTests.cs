using System;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Cli;
using Mshv.Scanner;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>
/// One member the model cannot represent costs that member (kept as opaque bytes) or its record, never the header:
/// a located warning, everything else bound, exit code 3 ("bound with warnings"); <c>--strict</c> fails as before.
/// </summary>
public sealed class IsolationTests
{
    /// <summary>
    /// <c>__float128</c> and GNU vector types have no model primitive; <c>_Complex</c> has. Lines matter: the warnings
    /// are checked at them.
    /// </summary>
    internal const string Header = """
        #include <linux/ioctl.h>
        struct good { int a; long b; };
        struct with_q { int before;
            __float128 q;
            int after; };
        struct with_tail { int n;
            __float128 items[];
        };
        struct holder { int x; struct with_tail tail; };
        typedef struct with_tail with_tail_t;
        struct with_vector { char c; int v __attribute__((vector_size(16))); short s; };
        #define REQ_GOOD _IOW('i', 1, struct good)
        #define REQ_TAIL _IOW('i', 2, struct with_tail)
        struct with_complex { char c; double _Complex z; float _Complex w[2]; long double _Complex l; short s; };
        """;

    [Fact]
    public void Unrepresentable_member_with_a_size_is_kept_as_opaque_bytes_and_warned_at_its_line()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("iso.h", Header);

        ScanResult result = HeaderScanner.Scan(Options(path));

        AbiModel model = Assert.IsType<AbiModel>(result.Model);
        Assert.True(result.IsPartial);
        AbiField q = model.Records.Single(r => r.Name == "with_q").Fields.Single(f => f.Name == "q");
        Assert.True(q.IsOpaque);
        Assert.Equal(AbiPrimitive.U8, q.Type.Primitive);
        Assert.Equal("__float128", q.CType);
        Assert.Equal(new[] { "before", "q", "after" }, model.Records.Single(r => r.Name == "with_q").Fields.Select(f => f.Name));
        ScanDiagnostic warning = Assert.Single(result.Diagnostics, d => d.Line == 4);
        Assert.Equal((ScanDiagnosticIds.UnrepresentableType, ScanSeverity.Warning, path), (warning.Id, warning.Severity, warning.File));
        Assert.Contains("'q' of 'with_q'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("opaque bytes", warning.Message, StringComparison.Ordinal);
        Assert.True(model.Records.Single(r => r.Name == "with_vector").Fields.Single(f => f.Name == "v").IsOpaque);
    }

    [Fact]
    public void Unrepresentable_member_without_a_size_drops_only_its_record_and_what_holds_it_keeps_its_bytes()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("iso.h", Header);

        ScanResult result = HeaderScanner.Scan(Options(path));

        AbiModel model = Assert.IsType<AbiModel>(result.Model);
        Assert.DoesNotContain(model.Records, r => r.Name == "with_tail");
        Assert.DoesNotContain(model.Typedefs, t => t.Name == "with_tail_t");
        Assert.Contains(result.Diagnostics, d => d.Line == 7 && d.Id == ScanDiagnosticIds.UnrepresentableType && d.Message.Contains("'with_tail' is left out", StringComparison.Ordinal));
        AbiField tail = model.Records.Single(r => r.Name == "holder").Fields.Single(f => f.Name == "tail");
        Assert.True(tail.IsOpaque);
        Assert.Contains(result.Diagnostics, d => d.Line == 9 && d.File == path && d.Message.Contains("'tail' of 'holder'", StringComparison.Ordinal));
        Assert.Contains(model.Records, r => r.Name == "good");
        // The request keeps its number, as a constant; without its argument's layout there is no typed descriptor.
        Assert.DoesNotContain(model.Ioctls, i => i.Name == "REQ_TAIL");
        Assert.Contains(model.Macros, m => m.Name == "REQ_TAIL");
        Assert.Contains(result.Diagnostics, d => d.Line == 13 && d.Id == ScanDiagnosticIds.UnrepresentableType && d.Message.Contains("REQ_TAIL", StringComparison.Ordinal));
        Assert.Equal("good", model.Ioctls.Single(i => i.Name == "REQ_GOOD").ArgumentType!.RecordName);
        Assert.Equal(result.Diagnostics.Count, result.Diagnostics.Distinct().Count());
    }

    [Fact]
    public void Opaque_members_survive_the_model_text()
    {
        using var temp = new TempHeaders();
        AbiModel model = HeaderScanner.Scan(Options(temp.Write("iso.h", Header))).Model!;

        string text = AbiModelWriter.Write(model);

        Assert.Contains(" opaque\n", text, StringComparison.Ordinal);
        Assert.Equal(text, AbiModelWriter.Write(AbiModelReader.Read(text, "iso.abi")));
        Assert.True(AbiModelReader.Read(text, "iso.abi").Records.Single(r => r.Name == "with_q").Fields.Single(f => f.Name == "q").IsOpaque);
    }

    [Fact]
    public void Strict_scan_fails_on_the_first_unrepresentable_member_as_before()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("iso.h", Header);

        ScanResult result = HeaderScanner.Scan(Options(path) with { Strict = true });

        Assert.Null(result.Model);
        Assert.Contains(result.Diagnostics, d => d.Severity == ScanSeverity.Error && d.Id == ScanDiagnosticIds.UnrepresentableType && d.Line == 4);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == ScanSeverity.Warning && d.Id == ScanDiagnosticIds.UnrepresentableType && d.Line == 4);
    }

    [Fact]
    public void Cli_exit_code_says_bound_with_warnings_and_strict_says_failed()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("iso.h", Header);
        string outDir = Path.Combine(temp.Directory, "cs");

        var scanError = new StringWriter();
        int scan = Program.Run(new[] { "scan", "--header", path, "--out", Path.Combine(temp.Directory, "iso.abi") }, new StringWriter(), scanError);
        int generate = Program.Run(new[] { "generate", "--header", path, "--out", outDir }, new StringWriter(), new StringWriter());
        int strict = Program.Run(new[] { "scan", "--header", path, "--strict" }, new StringWriter(), new StringWriter());

        Assert.Equal(3, scan);
        Assert.Contains(path + ":4: warning MSHVS007: ", scanError.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, generate);
        Assert.Contains("public partial struct good", File.ReadAllText(Path.Combine(outDir, "Iso.Bindings.g.cs")), StringComparison.Ordinal);
        Assert.Equal(1, strict);
    }

    internal static ScanOptions Options(string path) => new(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>());
}
