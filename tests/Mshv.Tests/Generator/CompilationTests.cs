using System.Linq;
using Mshv.Tests.Generator.Support;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>Emitted code compiles cleanly: no errors, no warnings, nullable on.</summary>
public sealed class CompilationTests
{
    [Fact]
    public void Seed_model_output_compiles_without_diagnostics()
    {
        var emitted = SeedModel.Emit();

        Assert.Empty(emitted.Diagnostics);
        Assert.Empty(GeneratedCode.Problems(GeneratedCode.Compile(emitted.Files.Select(f => f.Source))));
    }

    [Fact]
    public void Test_model_output_compiles_without_diagnostics()
    {
        Assert.Empty(TestModel.Emitted.Diagnostics);
        Assert.Empty(GeneratedCode.Problems(GeneratedCode.Compile(TestModel.Sources)));
    }

    [Fact]
    public void C_members_named_like_csharp_keywords_are_escaped_and_keep_their_place()
    {
        const string header = "struct kw { int params; unsigned char base : 3; unsigned char event : 5; };\n";
        string model = CLayoutTemplate.Fill(
            "abi 1\ntarget x86_64-pc-linux-gnu\nheader test.h\n\nstruct kw size={{sizeof(struct kw)}} align={{_Alignof(struct kw)}} at=test.h:1\n"
            + "  field params bit={{offsetof(struct kw, params)*8}} type=i32 c=\"int\" at=test.h:1\n"
            + "  field base bit={{BITOFF(struct kw, base)}} width={{BITWIDTH(struct kw, base)}} type=u8 c=\"unsigned char\" at=test.h:1\n"
            + "  field event bit={{BITOFF(struct kw, event)}} width={{BITWIDTH(struct kw, event)}} type=u8 c=\"unsigned char\" at=test.h:1\n"
            + "\nend\n",
            header);
        var emitted = GeneratedCode.Emit(model);

        var (c, cs) = DualScenario.RunEach(
            header,
            emitted.Files.Select(f => f.Source),
            "struct kw v; memset(&v, 0, sizeof v); v.params = -7; v.base = 5; v.event = 17; PB(v);",
            "var v = new kw(); v.@params = -7; v.@base = 5; v.@event = 17; PB(v);");

        Assert.Empty(emitted.Diagnostics);
        Assert.Equal(c, cs);
    }

    [Fact]
    public void Emission_is_deterministic()
    {
        var first = SeedModel.Emit().Files;
        var second = SeedModel.Emit().Files;

        Assert.Equal(first, second);
    }
}
