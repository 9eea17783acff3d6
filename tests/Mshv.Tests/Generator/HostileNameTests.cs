using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Mshv.Generator.Diagnostics;
using Mshv.Tests.Generator.Support;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>
/// Issue 9, findings 1 and 2: names gcc accepts but C# or Roslyn's hint names do not (<c>$</c>, non-ASCII letters,
/// soft hyphens) and line separators inside quoted C text are escaped, so the real generator driver neither throws
/// (CS8785 on AddSource) nor emits C# that does not compile; names that are not C at all are MSHV0001 at their line.
/// </summary>
public sealed class HostileNameTests
{
    private const string Head = "abi 1\ntarget x86_64-unknown-linux-gnu\nheader test.h\n\n";

    private const string End = "\nend\n";

    [Fact]
    public void Dollar_and_non_ASCII_names_compile_with_ASCII_hint_names()
    {
        string model = Head
            + "struct café size=8 align=4 at=test.h:1\n"
            + "  field $d bit=0 type=u32 c=\"int\" at=test.h:2\n"
            + "  field _u0024d bit=32 type=u32 c=\"int\" at=test.h:3\n\n"
            + "struct caf\u00ADe size=4 align=4 at=test.h:5\n"
            + "  field x bit=0 type=u32 c=\"int\" at=test.h:6\n\n"
            + "enum été underlying=u32 at=test.h:8\n  const $E value=1\n\n"
            + "macro $M value=1 type=i32 c=\"int\" at=test.h:11 expansion=\"1\"\n" + End;

        GeneratorDriverRunResult run = RunDriver(model);

        GeneratorRunResult result = run.Results.Single();
        Assert.Null(result.Exception);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.All(result.GeneratedSources, s => Assert.Matches("^[A-Za-z0-9_.]+$", s.HintName));
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("public partial struct café"));
        CompileCleanly(result);
    }

    [Fact]
    public void Line_separators_in_C_text_stay_inside_the_doc_comment()
    {
        string model = Head
            + "struct s size=4 align=4 at=test.h:1\n"
            + "  field a bit=0 type=u32 c=\"int\u2028 } class X {\rint\u0085y\" at=test.h:2\n" + End;

        GeneratorRunResult result = RunDriver(model).Results.Single();

        Assert.Null(result.Exception);
        CompileCleanly(result);
    }

    [Fact]
    public void Doc_text_that_looks_like_xml_or_code_stays_inside_the_doc_comment()
    {
        string model = Head
            + "struct s size=4 align=4 at=test.h:1 doc=\"*/ } class X { </summary> <!-- &\\nint y; // \\\" ///\"\n"
            + "  field a bit=0 type=u32 c=\"int\" at=test.h:2 doc=\"</para></summary><summary>\"\n" + End;

        GeneratorDriverRunResult run = RunDriver(model);

        Assert.Null(run.Results.Single().Exception);
        Assert.Empty(run.Diagnostics);
        CompileCleanly(run.Results.Single());
    }

    [Fact]
    public void Doc_with_a_line_separator_is_MSHV0001_at_its_line_not_code()
    {
        GeneratorDriverRunResult run = RunDriver(Head + "struct s size=4 align=4 at=test.h:1 doc=\"a\u2028} class X {\"\n");

        Assert.Null(run.Results.Single().Exception);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(MshvDiagnostics.ModelUnreadable, diagnostic.Id);
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Theory]
    [InlineData("struct s<t size=4 align=4 at=test.h:1\n")]
    [InlineData("struct s\uFFFD size=4 align=4 at=test.h:1\n")]
    public void Record_name_Roslyn_cannot_take_as_a_hint_is_MSHV0001_not_an_exception(string body)
    {
        GeneratorDriverRunResult run = RunDriver(Head + body + End);

        Assert.Null(run.Results.Single().Exception);
        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(MshvDiagnostics.ModelUnreadable, diagnostic.Id);
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void C_tags_spelled_like_the_types_the_emitted_code_names_are_renamed_not_shadowing_them()
    {
        // Each would shadow a type the bindings name without qualification: LayoutKind and Span broke the code, and
        // struct Int128 silently retyped every __int128 member (16 bytes) as itself (1 byte).
        string[] tags = { "LayoutKind", "Int128", "Span", "FixedArray2", "System", "Array", "MemoryMarshal", "IoctlRead", "RuntimeInformation" };
        var model = new System.Text.StringBuilder(Head);
        int line = 1;
        foreach (string tag in tags)
        {
            model.Append("struct ").Append(tag).Append(" size=1 align=1 at=test.h:").Append(line).Append('\n');
            model.Append("  field b bit=0 type=u8 c=\"__u8\" at=test.h:").Append(line++).Append("\n\n");
        }

        model.Append("struct user size=48 align=16 at=test.h:20\n")
            .Append("  field wide bit=0 type=i128 c=\"__int128\" at=test.h:21\n")
            .Append("  field two bit=128 type=record:FixedArray2[2] c=\"struct FixedArray2[2]\" at=test.h:22\n")
            .Append("  field words bit=192 type=u32[2] c=\"__u32[2]\" at=test.h:23\n\n")
            .Append("ioctl GET_USER request=0x8030b801 dir=read type=0xb8 nr=0x1 size=48 arg=\"struct user\" argtype=record:user at=test.h:25\n")
            .Append(End);

        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { new GeneratorHarness.ModelFile("/models/test.abi", model.ToString()) });
        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.EmptyCompilation(), out Compilation output, out var diagnostics);

        Assert.Equal(tags.Length, diagnostics.Count(d => d.Id == MshvDiagnostics.NameCollision));
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        IReadOnlyList<string> problems = GeneratedCode.Problems(output);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        INamedTypeSymbol user = output.GetTypeByMetadataName("Mshv.Interop.user")!;
        IFieldSymbol wide = user.GetMembers("wide").OfType<IFieldSymbol>().Single();
        Assert.Equal("System.Int128", wide.Type.ToDisplayString());
        Assert.NotNull(output.GetTypeByMetadataName("Mshv.Interop.Int128_"));
        Assert.NotNull(output.GetTypeByMetadataName("Mshv.Interop.LayoutKind_"));
    }

    private static GeneratorDriverRunResult RunDriver(string model)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { new GeneratorHarness.ModelFile("/models/test.abi", model) });
        return GeneratorHarness.Run(driver, GeneratorHarness.EmptyCompilation(), out _);
    }

    private static void CompileCleanly(GeneratorRunResult result)
    {
        IEnumerable<string> sources = result.GeneratedSources.Select(s => s.SourceText.ToString());
        IReadOnlyList<string> problems = GeneratedCode.Problems(GeneratedCode.Compile(sources));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
