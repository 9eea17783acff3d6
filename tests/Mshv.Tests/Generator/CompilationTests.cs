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
    public void Emission_is_deterministic()
    {
        var first = SeedModel.Emit().Files;
        var second = SeedModel.Emit().Files;

        Assert.Equal(first, second);
    }
}
