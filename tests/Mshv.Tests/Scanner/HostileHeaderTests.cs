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
    public void Macros_that_overflow_nest_or_expand_without_end_are_left_out_not_a_crash_or_a_hang()
    {
        // Each once ended the scan: an OverflowException for the array size, a stack overflow for the parentheses, and
        // 2^32 tokens for the wrapper that calls itself or the macro doubling at each of 40 levels.
        using var temp = new TempHeaders();
        string doubling = "#define A0 1\n" + string.Concat(Enumerable.Range(1, 40).Select(i => "#define A" + i + " (A" + (i - 1) + " + A" + (i - 1) + ")\n"));
        string path = temp.Write("hostile-macros.h",
            "#define BIG sizeof(char[2147483647][2147483647][2147483647])\n"
            + "#define P " + new string('(', 1_000_000) + "1" + new string(')', 1_000_000) + "\n"
            + "#define D(x) D(x x)\n#define REQ D(1)\n"
            + doubling
            + "#define FINE 7\n");

        ScanResult result = ScanAlone(path);

        AbiModel model = Assert.IsType<AbiModel>(result.Model);
        string[] c = CCompiler.CompileAndRun("#include \"" + path + "\"\n#include <stdio.h>\nint main(void) { printf(\"%d %d\", FINE, A10); return 0; }",
            Array.Empty<string>()).Trim().Split(' ');
        Assert.Equal(c, new[] { model.Macros.Single(m => m.Name == "FINE").Value, model.Macros.Single(m => m.Name == "A10").Value });
        Assert.DoesNotContain(model.Macros, m => m.Name is "A40" or "P" or "REQ");
        Assert.Contains(result.Diagnostics, d => d.Id == ScanDiagnosticIds.ExpansionTooLarge && d.Message.Contains("macro A40 "));
        Assert.Contains(result.Diagnostics, d => d.Id == ScanDiagnosticIds.ExpansionTooLarge && d.Message.Contains("macro P "));
    }

    [Fact]
    public void A_tag_and_a_typedef_of_one_name_and_a_member_named_anon0_each_keep_their_own_record()
    {
        // Both 'foo's were one record in the model (the later layout won, and RT's 112 bytes typed RF's 4-byte argument);
        // p's member anon0 took the anonymous union's name and layout.
        using var temp = new TempHeaders();
        const string Header = "#include <linux/ioctl.h>\n"
            + "struct foo { int x; };\n"
            + "typedef struct { long y; char z[100]; } foo;\n"
            + "struct both { struct foo a; foo b; };\n"
            + "#define RF _IOW(0x66, 1, struct foo)\n"
            + "#define RT _IOW(0x66, 2, foo)\n"
            + "struct p { struct { long a, a2; } anon0; union { int b; char c; }; };\n";
        string path = temp.Write("names-twice.h", Header);

        AbiModel model = Scan(path);

        string[] c = CCompiler.CompileAndRun(
            "#include \"" + path + "\"\n#include <stdio.h>\n#include <stddef.h>\n"
            + "int main(void) { printf(\"%zu %zu %zu %zu %zu\", sizeof(struct foo), sizeof(foo), sizeof(struct both), offsetof(struct both, b), sizeof(((struct p*)0)->anon0)); return 0; }",
            Array.Empty<string>()).Trim().Split(' ');
        Assert.Equal(long.Parse(c[0]), model.Records.Single(r => r.Name == "foo").Size);
        Assert.Equal(long.Parse(c[1]), model.Records.Single(r => r.Name == "foo.typedef").Size);
        AbiRecord both = model.Records.Single(r => r.Name == "both");
        Assert.Equal(long.Parse(c[2]), both.Size);
        Assert.Equal(long.Parse(c[3]) * 8, both.Fields.Single(f => f.Name == "b").BitOffset);
        Assert.Equal("record:foo.typedef", "record:" + both.Fields.Single(f => f.Name == "b").Type.RecordName);
        Assert.Equal("foo", model.Ioctls.Single(i => i.Name == "RF").ArgumentType!.RecordName);
        Assert.Equal("foo.typedef", model.Ioctls.Single(i => i.Name == "RT").ArgumentType!.RecordName);
        AbiRecord p = model.Records.Single(r => r.Name == "p");
        string anon0Type = p.Fields.Single(f => f.Name == "anon0").Type.RecordName!;
        Assert.Equal(long.Parse(c[4]), model.Records.Single(r => r.Name == anon0Type).Size);
        Assert.NotEqual(anon0Type, p.Fields.Single(f => f.IsAnonymousMember).Type.RecordName);
        // And the generator takes it: both records, the model read back as written, code that compiles.
        EmitResult emitted = BindingEmitter.Emit(AbiModelReader.Read(AbiModelWriter.Write(model), "names-twice.abi"), new EmitOptions("Test.Interop", "Names", true));
        Assert.DoesNotContain(emitted.Diagnostics, d => d.IsError);
        var problems = GeneratedCode.Problems(GeneratedCode.Compile(emitted.Files.Select(f => f.Source)));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void An_undef_behind_a_comment_or_split_by_a_line_splice_is_seen_as_gcc_sees_it()
    {
        // Y and W were folded with the macros' old values (6 and 18): the #undef was not found.
        using var temp = new TempHeaders();
        const string Header = "#define X 5\n#define Y (X + 1)\n#undef /* c */ X\nenum { X = 7 };\n"
            + "#define Z 17\n#define W (Z + 1)\n#un\\\ndef Z\nenum { Z = 199 };\n";
        string path = temp.Write("undef.h", Header);

        AbiModel model = Scan(path);

        string[] c = CCompiler.CompileAndRun("#include \"" + path + "\"\n#include <stdio.h>\nint main(void) { printf(\"%d %d\", Y, W); return 0; }", Array.Empty<string>())
            .Trim().Split(' ');
        Assert.Equal(new[] { "8", "200" }, c);
        Assert.Equal(c, new[] { model.Macros.Single(m => m.Name == "Y").Value, model.Macros.Single(m => m.Name == "W").Value });
    }

    [Fact]
    public void A_record_with_an_atomic_member_is_left_out_with_MSHVS007_not_bound_with_clangs_layout()
    {
        // clang: size 12, s at 4 (the _Atomic struct rounded to 4 bytes); gcc: size 5, s at 1. The model said clang's.
        using var temp = new TempHeaders();
        string path = temp.Write("atomic.h", "struct at { char c; _Atomic struct { char x[3]; } s; char d; };\nstruct ok { int a; };\n");

        ScanResult result = ScanAlone(path);

        AbiModel model = Assert.IsType<AbiModel>(result.Model);
        Assert.Equal(new[] { "ok" }, model.Records.Select(r => r.Name));
        ScanDiagnostic diagnostic = Assert.Single(result.Diagnostics, d => d.Id == ScanDiagnosticIds.UnrepresentableType);
        Assert.Equal(1, diagnostic.Line);
        Assert.Contains("_Atomic", diagnostic.Message);
    }

    [Fact]
    public void Records_too_large_for_a_model_or_whose_offsets_wrap_are_left_out_at_their_header_line()
    {
        // gcc compiles all three; the model had h1.b at bit -2^63, h3 at 2^61 bytes and h4 (holding h3) at 4 bytes, which
        // the model reader then refused at the .abi file instead of the scan at the header.
        using var temp = new TempHeaders();
        string path = temp.Write("huge.h", "struct h1 { char a[1UL<<60]; char b; };\nstruct h3 { char x[(1UL<<61)-1]; };\n"
            + "struct h4 { int x; struct h3 y; };\nstruct fine { int q; };\n");

        ScanResult result = ScanAlone(path);

        AbiModel model = Assert.IsType<AbiModel>(result.Model);
        Assert.Equal(new[] { "fine" }, model.Records.Select(r => r.Name));
        Assert.Equal(new[] { 1, 2, 3 }, result.Diagnostics.Where(d => d.Id == ScanDiagnosticIds.UnrepresentableType).Select(d => d.Line).OrderBy(l => l));
        Assert.Equal(model, AbiModelReader.Read(AbiModelWriter.Write(model), "huge.abi"));
    }

    [Fact]
    public void A_128_bit_macro_is_left_out_not_cut_to_64_bits_and_a_cast_operand_shift_is_no_false_warning()
    {
        // WRAP was recorded as 0 (gcc: 2^64), BIGM as 2^64 - 16 (gcc: 2^68 - 16); SH's cast made MSHVS014 claim an int.
        using var temp = new TempHeaders();
        string path = temp.Write("wide.h", "typedef unsigned __int128 u128_t;\n#define BIGM ((unsigned __int128)0xffffffffffffffffULL*16)\n"
            + "#define WRAP ((u128_t)~0ULL+1)\n#define SH ((unsigned long long)1 << 40)\n");

        ScanResult result = ScanAlone(path);

        AbiModel model = Assert.IsType<AbiModel>(result.Model);
        Assert.Equal(new[] { "SH" }, model.Macros.Select(m => m.Name));
        Assert.Equal(
            CCompiler.CompileAndRun(
                "#include \"" + path + "\"\n#include <stdio.h>\nint main(void) { printf(\"%llu\", SH); return 0; }", Array.Empty<string>()).Trim(),
            model.Macros.Single().Value);
        Assert.Equal(new[] { 2, 3 }, result.Diagnostics.Where(d => d.Id == ScanDiagnosticIds.UnrepresentableType).Select(d => d.Line).OrderBy(l => l));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == ScanDiagnosticIds.ShiftOverflow);
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

        ScanResult result = ScanAlone(path);

        Assert.All(result.Diagnostics, d => Assert.Equal(path, d.File));
        Assert.Contains(result.Diagnostics, d => d.Line == 2 && d.Message.Contains("expected '}' at the end of the file"));
    }

    /// <summary>
    /// Issue 9, finding 6: a header that includes itself without a guard made clang repeat every problem once per nesting
    /// level (it stops at 200), and the scan printed 198 identical lines. Each problem is printed once, by the library,
    /// by <c>mshv scan</c> in both formats (text, and the msbuild format the build integration parses; the build itself:
    /// <c>BuildTimeErrorTests</c>), for a direct self-include, one after the declarations and two headers including each other.
    /// </summary>
    [Theory]
    [InlineData("text")]
    [InlineData("msbuild")]
    public void Self_include_reports_each_problem_once(string format)
    {
        using var temp = new TempHeaders();
        string self = temp.Write("self.h", "#include \"self.h\"\nstruct a { int x; };\n");
        string late = temp.Write("late.h", "struct l { int x; };\n#define L 1\n#include \"late.h\"\n");
        string first = temp.Write("first.h", "#include \"second.h\"\nstruct f { int x; };\n");
        string second = temp.Write("second.h", "#include \"first.h\"\nstruct s { int y; };\n");

        string Where(string path, int line) => format == "text" ? path + ":" + line + ":" : path + "(" + line + "):";
        Assert.Equal(new[] { Where(self, 1) + " error MSHVS002: #include nested too deeply", Where(self, 2) + " error MSHVS002: redefinition of 'a'" }, Scan(self));
        Assert.Equal(new[] { Where(late, 1) + " error MSHVS002: redefinition of 'l'", Where(late, 3) + " error MSHVS002: #include nested too deeply" }, Scan(late));
        Assert.Equal(
            new[] { Where(first, 1) + " error MSHVS002: #include nested too deeply", Where(first, 2) + " error MSHVS002: redefinition of 'f'", Where(second, 2) + " error MSHVS002: redefinition of 's'" },
            Scan(first));

        string[] Scan(string header)
        {
            var error = new StringWriter();
            int exit = Mshv.Cli.Program.Run(new[] { "scan", "--header", header, "--diagnostics", format }, new StringWriter(), error);
            Assert.Equal(1, exit);
            return error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Order(StringComparer.Ordinal).ToArray();
        }
    }

    [Fact]
    public void Overflowing_ioc_fields_and_shifts_warn_at_their_macro()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("ioc.h", "#include <linux/ioctl.h>\n#define BAD_NR _IO(0xAE, 300)\n#define BIG_SHIFT (1 << 70)\n#define MYIO 0x1AE\n#define BIG_TYPE _IO(MYIO, 1)\n#define FINE _IO(0xAE, 0x01)\n#define FINE_SHIFT (1ULL << 63)\n");

        ScanResult result = ScanAlone(path);

        Assert.Contains(result.Diagnostics, d => d.Id == ScanDiagnosticIds.IocFieldOverflow && d.Line == 2 && d.Message.Contains("nr 300"));
        Assert.Contains(result.Diagnostics, d => d.Id == ScanDiagnosticIds.ShiftOverflow && d.Line == 3 && d.Message.Contains("shifts by 70"));
        Assert.Contains(result.Diagnostics, d => d.Id == ScanDiagnosticIds.IocFieldOverflow && d.Line == 5 && d.Message.Contains("type MYIO = 430"));
        Assert.DoesNotContain(result.Diagnostics, d => d.Line is 6 or 7);
    }

    private static string Nested(int depth) =>
        string.Concat(Enumerable.Range(0, depth).Select(i => "struct n" + i + " { ")) + "int x; " + string.Concat(Enumerable.Repeat("}; ", depth)) + "\n";

    private static AbiModel Scan(string header)
    {
        ScanResult result = ScanAlone(header);
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    /// <summary>One header, scanned with no include folders, defines or prelude.</summary>
    private static ScanResult ScanAlone(string path) =>
        HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
}
