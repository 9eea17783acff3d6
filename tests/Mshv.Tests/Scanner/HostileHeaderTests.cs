using System;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Scanner;
using Mshv.Tests.Generator.Support;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>
/// Issue 9, findings 4 to 6 on the scanner's side: what gcc accepts is bound (or said to be impossible) at its line,
/// never dropped with exit 0. Sizes come from gcc.
/// </summary>
public sealed class HostileHeaderTests
{
    [Fact]
    public void Non_ASCII_and_dollar_identifiers_are_bound_and_compile()
    {
        using var temp = new TempHeaders();
        const string Header = "struct café { int $d; unsigned char été[3]; };\n";
        string path = temp.Write("names.h", Header);

        AbiModel model = Scan(path);

        AbiRecord cafe = Assert.Single(model.Records, r => r.Name == "café");
        Assert.Equal(new[] { "$d", "été" }, cafe.Fields.Select(f => f.Name));
        Assert.Equal(long.Parse(CCompiler.CompileAndRun("#include \"" + path + "\"\n#include <stdio.h>\nint main(void) { printf(\"%zu\", sizeof(struct café)); return 0; }", Array.Empty<string>()).Trim()), cafe.Size);
        EmitResult emitted = BindingEmitter.Emit(AbiModelReader.Read(AbiModelWriter.Write(model), "names.abi"), new EmitOptions("Test.Interop", "Names", true));
        Assert.DoesNotContain(emitted.Diagnostics, d => d.IsError);
        var problems = GeneratedCode.Problems(GeneratedCode.Compile(emitted.Files.Select(f => f.Source)));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Header_path_with_a_space_scans_into_a_model_its_reader_accepts()
    {
        using var temp = new TempHeaders();
        string folder = Path.Combine(temp.Directory, "my headers");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "spaced.h");
        File.WriteAllText(path, "struct spaced { int a; };\nenum { SPACED_ONE = 1 };\n");

        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, new[] { temp.Directory }, Array.Empty<string>(), Array.Empty<string>()));
        string text = AbiModelWriter.Write(result.Model!);
        AbiModel reread = AbiModelReader.Read(text, "spaced.abi");

        Assert.Equal("my headers/spaced.h", reread.Headers.Single());
        Assert.Equal("my headers/spaced.h", reread.Records.Single().Location.File);
        Assert.Equal(result.Model, reread);
    }

    [Fact]
    public void A_thousand_nested_structs_scan_and_deeper_ones_get_clangs_located_limit()
    {
        using var temp = new TempHeaders();
        string deep = temp.Write("deep.h", Nested(1000));
        string deeper = temp.Write("deeper.h", Nested(2100));

        Assert.Equal(1000, Scan(deep).Records.Count);
        ScanResult limited = HeaderScanner.Scan(new ScanOptions(new[] { deeper }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));

        Assert.Null(limited.Model);
        Assert.Contains(limited.Diagnostics, d => d.File == deeper && d.Line == 1 && d.Message.Contains("bracket nesting level exceeded maximum of 2048"));
    }

    [Fact]
    public void Unclosed_declaration_is_reported_at_the_end_of_its_header_not_the_command_line()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("eof.h", "struct a { int x; };\nstruct b { int y;\n");

        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));

        Assert.All(result.Diagnostics, d => Assert.Equal(path, d.File));
        Assert.Contains(result.Diagnostics, d => d.Line == 2 && d.Message.Contains("expected '}' at the end of the file"));
    }

    [Fact]
    public void Self_include_reports_each_problem_once()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("self.h", "#include \"self.h\"\nstruct a { int x; };\n");

        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));

        Assert.Contains(result.Diagnostics, d => d.Line == 1 && d.Message.Contains("#include nested too deeply"));
        Assert.True(result.Diagnostics.Count <= 3, string.Join("\n", result.Diagnostics));
        Assert.Equal(result.Diagnostics.Count, result.Diagnostics.Select(d => d.ToString()).Distinct().Count());
    }

    [Fact]
    public void Overflowing_ioc_fields_and_shifts_warn_at_their_macro()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("ioc.h", "#include <linux/ioctl.h>\n#define BAD_NR _IO(0xAE, 300)\n#define BIG_SHIFT (1 << 70)\n#define MYIO 0x1AE\n#define BIG_TYPE _IO(MYIO, 1)\n#define FINE _IO(0xAE, 0x01)\n#define FINE_SHIFT (1ULL << 63)\n");

        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));

        Assert.Contains(result.Diagnostics, d => d.Id == ScanDiagnosticIds.IocFieldOverflow && d.Line == 2 && d.Message.Contains("nr 300"));
        Assert.Contains(result.Diagnostics, d => d.Id == ScanDiagnosticIds.ShiftOverflow && d.Line == 3 && d.Message.Contains("shifts by 70"));
        Assert.Contains(result.Diagnostics, d => d.Id == ScanDiagnosticIds.IocFieldOverflow && d.Line == 5 && d.Message.Contains("type MYIO = 430"));
        Assert.DoesNotContain(result.Diagnostics, d => d.Line is 6 or 7);
    }

    private static string Nested(int depth) =>
        string.Concat(Enumerable.Range(0, depth).Select(i => "struct n" + i + " { ")) + "int x; " + string.Concat(Enumerable.Repeat("}; ", depth)) + "\n";

    private static AbiModel Scan(string header)
    {
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { header }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }
}
