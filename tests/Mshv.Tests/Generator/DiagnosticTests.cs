using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Tests.Generator.Support;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Generator;

/// <summary>One test per diagnostic id: each problem is reported with its id, its place, and no wrong layout.</summary>
public sealed class DiagnosticTests
{
    private const string Head = "abi 1\ntarget x86_64-pc-linux-gnu\nheader test.h\n";

    private const string End = "\nend\n";

    [Fact]
    public void MSHV0001_malformed_model_is_reported_at_its_line_and_nothing_is_emitted()
    {
        string path = Path.Combine(RepoPaths.Headers, "broken.abi");
        string text = Head + "\nstruct s size=four align=4 at=test.h:1\n";

        GeneratorDriverRunResult result = RunGenerator(new GeneratorHarness.ModelFile(path, text));

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.ModelUnreadable, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(path, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("size=", diagnostic.GetMessage());
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void MSHV0001_model_without_its_end_line_is_reported_as_cut_short_at_its_last_line()
    {
        string path = Path.Combine(RepoPaths.Headers, "cut.abi");
        string text = Head + "\nstruct s size=4 align=4 at=test.h:1\n  field a bit=0 type=u32 c=\"int\" at=test.h:2\n";

        GeneratorDriverRunResult result = RunGenerator(new GeneratorHarness.ModelFile(path, text));

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.ModelUnreadable, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(path, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(5, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("cut short", diagnostic.GetMessage());
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void MSHV0002_long_double_keeps_its_bytes_and_warns_at_the_header_line()
    {
        string model = CLayoutTemplate.Fill(
            Head + "\nstruct ld size={{sizeof(struct ld)}} align={{_Alignof(struct ld)}} at=test.h:1\n"
            + "  field tag bit={{offsetof(struct ld, tag)*8}} type=u32 c=\"unsigned int\" at=test.h:1\n"
            + "  field value bit={{offsetof(struct ld, value)*8}} type=f80 c=\"long double\" at=test.h:1\n" + End,
            "struct ld { unsigned int tag; long double value; };\n");

        EmitResult result = GeneratedCode.Emit(model);

        EmitDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.InexactType, diagnostic.Id);
        Assert.Equal("test.h:1", diagnostic.HeaderLocation!.ToString());
        var (c, cs) = DualScenario.RunEach(
            "struct ld { unsigned int tag; long double value; };\n",
            result.Files.Select(f => f.Source),
            "P(sizeof(struct ld)); P(offsetof(struct ld, value)); P(sizeof(long double));",
            "var v = new ld(); P(System.Runtime.CompilerServices.Unsafe.SizeOf<ld>()); P(Marshal.OffsetOf<ld>(\"value\").ToInt64()); P(v.value.Length);");
        Assert.Equal(c, cs);
    }

    [Fact]
    public void MSHV0002_empty_struct_is_left_out_so_its_container_keeps_the_C_size()
    {
        const string header = "struct empty {};\nstruct holder { int a; struct empty e; };\n";
        string model = CLayoutTemplate.Fill(
            Head + "\nstruct empty size={{sizeof(struct empty)}} align={{_Alignof(struct empty)}} at=test.h:1\n"
            + "\nstruct holder size={{sizeof(struct holder)}} align={{_Alignof(struct holder)}} at=test.h:2\n"
            + "  field a bit={{offsetof(struct holder, a)*8}} type=i32 c=\"int\" at=test.h:2\n"
            + "  field e bit={{offsetof(struct holder, e)*8}} type=record:empty c=\"struct empty\" at=test.h:2\n" + End,
            header);

        EmitResult result = GeneratedCode.Emit(model);

        // Only the named empty struct (something a user might reference) warns; the member occupies no bytes.
        EmitDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.InexactType, diagnostic.Id);
        Assert.Equal("test.h:1", diagnostic.HeaderLocation!.ToString());
        var (c, cs) = DualScenario.RunEach(header, result.Files.Select(f => f.Source), "P(sizeof(struct holder));", "P(System.Runtime.CompilerServices.Unsafe.SizeOf<holder>());");
        Assert.Equal(c, cs);
    }

    [Fact]
    public void Declare_flex_array_wrapper_emits_its_flexible_array_without_warnings()
    {
        // The shape of the kernel's __DECLARE_FLEX_ARRAY: a size-0 unnamed struct member beside the flexible array.
        const string header = "struct wrap {\n unsigned int n;\n struct { struct { } __empty_entries; unsigned long long entries[]; };\n};\n";
        const string measure = "typedef struct { struct { } __empty_entries; unsigned long long entries[]; } anon_t;\n"
            + "typedef __typeof__(((anon_t *)0)->__empty_entries) empty_t;\n";
        string model = CLayoutTemplate.Fill(
            Head + "\nstruct wrap size={{sizeof(struct wrap)}} align={{_Alignof(struct wrap)}} at=test.h:1\n"
            + "  field n bit={{offsetof(struct wrap, n)*8}} type=u32 c=\"unsigned int\" at=test.h:2\n"
            + "  field - bit={{offsetof(struct wrap, entries)*8}} type=record:wrap.anon0 c=\"struct {...}\" at=test.h:3\n"
            + "\nstruct wrap.__empty_entries size={{sizeof(empty_t)}} align={{_Alignof(empty_t)}} at=test.h:3\n"
            + "\nstruct wrap.anon0 size={{sizeof(anon_t)}} align={{_Alignof(anon_t)}} anonymous at=test.h:3\n"
            + "  field __empty_entries bit={{offsetof(anon_t, __empty_entries)*8}} type=record:wrap.__empty_entries c=\"struct {...}\" at=test.h:3\n"
            + "  field entries bit={{offsetof(anon_t, entries)*8}} type=u64[0] c=\"unsigned long long[]\" at=test.h:3\n" + End,
            header,
            measure);

        EmitResult result = GeneratedCode.Emit(model);

        Assert.Empty(result.Diagnostics);
        Assert.DoesNotContain(result.Files, f => f.Source.Contains("__empty_entries", System.StringComparison.Ordinal));
        var (c, cs) = DualScenario.RunEach(
            header,
            result.Files.Select(f => f.Source),
            "P(sizeof(struct wrap)); P(__builtin_offsetof(struct wrap, entries));",
            "P(System.Runtime.CompilerServices.Unsafe.SizeOf<wrap>()); P(wrap.entries_offset);");
        Assert.Equal(c, cs);
    }

    [Fact]
    public void MSHV0003_record_missing_from_the_model_is_an_error_and_its_member_is_left_out()
    {
        string model = Head + "\nstruct holder size=8 align=8 at=test.h:3\n  field inner bit=0 type=record:missing c=\"struct missing\" at=test.h:4\n" + End;

        EmitResult result = GeneratedCode.Emit(model);

        EmitDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.MissingRecord, diagnostic.Id);
        Assert.True(diagnostic.IsError);
        Assert.Equal("test.h:4", diagnostic.HeaderLocation!.ToString());
        Assert.Contains("'missing'", diagnostic.Message);
        Assert.Empty(GeneratedCode.Problems(GeneratedCode.Compile(result.Files.Select(f => f.Source))));
    }

    [Fact]
    public void MSHV0004_member_named_like_its_struct_is_renamed_with_a_warning()
    {
        string model = CLayoutTemplate.Fill(
            Head + "\nstruct point size={{sizeof(struct point)}} align={{_Alignof(struct point)}} at=test.h:1\n"
            + "  field point bit={{offsetof(struct point, point)*8}} type=i32 c=\"int\" at=test.h:1\n" + End,
            "struct point { int point; };\n");

        EmitResult result = GeneratedCode.Emit(model);

        EmitDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.NameCollision, diagnostic.Id);
        Assert.False(diagnostic.IsError);
        Assert.Contains("'point_'", diagnostic.Message);
        Assert.Empty(GeneratedCode.Problems(GeneratedCode.Compile(result.Files.Select(f => f.Source))));
    }

    [Fact]
    public void MSHV0004_real_tag_keeps_its_name_and_the_synthesized_member_type_is_renamed()
    {
        // The model orders a.b before a__b ('.' sorts before '_'), so claiming in model order gave the real tag the suffix.
        string model = CLayoutTemplate.Fill(
            Head + "\nstruct a size={{sizeof(struct a)}} align={{_Alignof(struct a)}} at=test.h:1\n"
            + "  field b bit={{offsetof(struct a, b)*8}} type=record:a.b c=\"struct (unnamed struct at test.h:1:12)\" at=test.h:1\n"
            + "\nstruct a.b size={{sizeof(a_b)}} align={{_Alignof(a_b)}} at=test.h:1\n"
            + "  field x bit={{offsetof(a_b, x)*8}} type=i32 c=\"int\" at=test.h:1\n"
            + "\nstruct a__b size={{sizeof(struct a__b)}} align={{_Alignof(struct a__b)}} at=test.h:2\n"
            + "  field y bit={{offsetof(struct a__b, y)*8}} type=i64 c=\"long\" at=test.h:2\n" + End,
            "struct a { struct { int x; } b; };\nstruct a__b { long y; };\n",
            "typedef __typeof__(((struct a *)0)->b) a_b;\n");

        EmitResult result = GeneratedCode.Emit(model);

        EmitDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.NameCollision, diagnostic.Id);
        Assert.Contains("'a__b_'", diagnostic.Message);
        Assert.Equal("test.h:1", diagnostic.HeaderLocation!.ToString());
        System.Reflection.Assembly assembly = GeneratedCode.Load(result.Files.Select(f => f.Source));
        Assert.NotNull(assembly.GetType(GeneratedCode.Namespace + ".a__b")!.GetField("y"));
        Assert.NotNull(assembly.GetType(GeneratedCode.Namespace + ".a__b_")!.GetField("x"));
        Assert.Equal(assembly.GetType(GeneratedCode.Namespace + ".a__b_"), assembly.GetType(GeneratedCode.Namespace + ".a")!.GetField("b")!.FieldType);
    }

    [Fact]
    public void MSHV0004_two_models_with_one_class_prefix_generate_only_the_first()
    {
        string text = File.ReadAllText(RepoPaths.SeedModel);
        var first = new GeneratorHarness.ModelFile(Path.Combine(RepoPaths.Headers, "a", "mshv.abi"), text);
        var second = new GeneratorHarness.ModelFile(Path.Combine(RepoPaths.Headers, "b", "mshv.abi"), text);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { second, first });

        driver = driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.EmptyCompilation(), out Compilation output, out var diagnostics);

        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(MshvDiagnostics.NameCollision, diagnostic.Id);
        Assert.Equal(second.Path, diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(GeneratedCode.Problems(output));
        Assert.NotNull(output.GetTypeByMetadataName("Mshv.Interop.mshv_create_partition"));
    }

    [Fact]
    public void MSHV0004_two_models_declaring_one_record_name_rename_the_later_instead_of_CS0101()
    {
        const string template = "struct dup size={{sizeof(struct dup)}} align={{_Alignof(struct dup)}} at=test.h:1\n"
            + "  field {0} bit={{offsetof(struct dup, {0})*8}} type={1} c=\"{2}\" at=test.h:1\n";
        string one = CLayoutTemplate.Fill(Head + "\n" + template.Replace("{0}", "x").Replace("{1}", "i32").Replace("{2}", "int") + End, "struct dup { int x; };\n");
        string two = CLayoutTemplate.Fill(Head + "\n" + template.Replace("{0}", "y").Replace("{1}", "i64").Replace("{2}", "long") + End, "struct dup { long y; };\n");
        var first = new GeneratorHarness.ModelFile(Path.Combine(RepoPaths.Headers, "a", "one.abi"), one);
        var second = new GeneratorHarness.ModelFile(Path.Combine(RepoPaths.Headers, "b", "two.abi"), two);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { second, first });

        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.EmptyCompilation(), out Compilation output, out var diagnostics);

        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(MshvDiagnostics.NameCollision, diagnostic.Id);
        Assert.Contains("'dup_'", diagnostic.GetMessage());
        Assert.Empty(GeneratedCode.Problems(output));
        Assert.NotNull(output.GetTypeByMetadataName("Mshv.Interop.dup")!.GetMembers("x").SingleOrDefault());
        Assert.NotNull(output.GetTypeByMetadataName("Mshv.Interop.dup_")!.GetMembers("y").SingleOrDefault());
    }

    [Theory]
    [InlineData("MshvNamespace", "Not A Namespace")]
    [InlineData("MshvClassPrefix", "9lives")]
    public void MSHV0005_invalid_option_value_is_an_error_and_nothing_is_emitted(string property, string value)
    {
        GeneratorDriverRunResult result = RunGenerator(
            new GeneratorHarness.ModelFile(RepoPaths.SeedModel, File.ReadAllText(RepoPaths.SeedModel)),
            new Dictionary<string, string> { [property] = value });

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.InvalidOption, diagnostic.Id);
        Assert.Contains(property, diagnostic.GetMessage());
        Assert.Contains(value, diagnostic.GetMessage());
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void Generator_reports_emitter_diagnostics_at_the_header_beside_the_model()
    {
        string path = Path.Combine(RepoPaths.Headers, "holder.abi");
        string text = Head + "\nstruct holder size=8 align=8 at=test.h:3\n  field inner bit=0 type=record:missing c=\"struct missing\" at=linux/test.h:4\n" + End;

        GeneratorDriverRunResult result = RunGenerator(new GeneratorHarness.ModelFile(path, text));

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.MissingRecord, diagnostic.Id);
        Assert.Equal(Path.Combine(RepoPaths.Headers, "linux/test.h"), diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Build_time_model_diagnostics_point_at_the_header_the_scan_read_not_at_obj()
    {
        string obj = Path.Combine(Path.GetTempPath(), "mshv-consumer", "obj", "mshv");
        string header = Path.Combine(Path.GetTempPath(), "mshv-consumer", "include", "linux", "test.h");
        string text = Head + "\nstruct holder size=8 align=8 at=test.h:3\n  field inner bit=0 type=record:missing c=\"struct missing\" at=linux/test.h:4\n" + End;
        var model = new GeneratorHarness.ModelFile(Path.Combine(obj, "holder.abi"), text);
        var deps = new GeneratorHarness.ModelFile(Path.Combine(obj, "holder.abi.deps"), "/usr/include/linux/types.h\n" + header + "\n");

        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { model, deps });
        GeneratorDriverRunResult result = GeneratorHarness.Run(driver, GeneratorHarness.EmptyCompilation(), out _);

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.MissingRecord, diagnostic.Id);
        Assert.Equal(header, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    private static GeneratorDriverRunResult RunGenerator(GeneratorHarness.ModelFile model, Dictionary<string, string>? properties = null)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { model }, properties);
        return GeneratorHarness.Run(driver, GeneratorHarness.EmptyCompilation(), out _);
    }
}
