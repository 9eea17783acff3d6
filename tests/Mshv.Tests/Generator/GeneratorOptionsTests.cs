using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Mshv.Tests.Generator.Support;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Generator;

/// <summary>What the generator does with MSBuild properties and with what the compilation already has.</summary>
public sealed class GeneratorOptionsTests
{
    [Fact]
    public void Class_prefix_defaults_to_the_model_file_stem_pascal_cased()
    {
        GeneratorDriverRunResult result = Run(Path.Combine(RepoPaths.Headers, "hyperv-tlfs.abi"));

        Assert.Contains(result.GeneratedTrees, t => t.ToString().Contains("public static partial class HypervTlfsConstants"));
    }

    [Fact]
    public void Namespace_and_class_prefix_come_from_msbuild_properties()
    {
        GeneratorDriverRunResult result = Run(RepoPaths.SeedModel, new Dictionary<string, string> { ["MshvNamespace"] = "My.Hv", ["MshvClassPrefix"] = "Hv" });

        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedTrees, t => t.ToString().Contains("namespace My.Hv;") && t.ToString().Contains("class HvConstants"));
    }

    [Fact]
    public void Ioctl_support_types_are_emitted_internal_when_the_compilation_lacks_them()
    {
        GeneratorDriverRunResult result = Run(RepoPaths.SeedModel);

        string support = Assert.Single(result.GeneratedTrees, t => t.FilePath.EndsWith("Mshv.Interop.IoctlSupportTypes.g.cs")).ToString();
        Assert.Contains("internal readonly struct IoctlWrite<T>", support);
        Assert.Contains(result.GeneratedTrees, t => t.ToString().Contains("internal static partial class MshvIoctls"));
    }

    [Fact]
    public void Ioctl_support_types_are_not_emitted_when_the_compilation_has_public_ones()
    {
        const string runtime = """
            namespace Mshv.Ioctls;
            public readonly struct IoctlNone(string name, uint request) { public string Name { get; } = name; public uint Request { get; } = request; }
            public readonly struct IoctlWrite<T>(string name, uint request) where T : unmanaged { public string Name { get; } = name; public uint Request { get; } = request; }
            public readonly struct IoctlRead<T>(string name, uint request) where T : unmanaged { public string Name { get; } = name; public uint Request { get; } = request; }
            public readonly struct IoctlReadWrite<T>(string name, uint request) where T : unmanaged { public string Name { get; } = name; public uint Request { get; } = request; }
            public interface IAcceptedOn<TKind> where TKind : class { }
            public readonly struct IoctlNone<TOn>(string name, uint request) where TOn : class { public string Name { get; } = name; public uint Request { get; } = request; }
            public readonly struct IoctlWrite<T, TOn>(string name, uint request) where T : unmanaged where TOn : class { public string Name { get; } = name; public uint Request { get; } = request; }
            """;
        Compilation compilation = GeneratedCode.Compile(new[] { runtime });
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { SeedFile(RepoPaths.SeedModel) });

        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.DoesNotContain(driver.GetRunResult().GeneratedTrees, t => t.FilePath.EndsWith("IoctlSupportTypes.g.cs"));
        Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.ToString().Contains("public static partial class MshvIoctls"));
        Assert.Empty(GeneratedCode.Problems(output));
    }

    [Fact]
    public void Two_models_in_one_namespace_share_one_set_of_inline_array_types()
    {
        // Both models use FixedArray2; declaring it twice would not compile.
        var models = new[] { SeedFile(RepoPaths.SeedModel), new GeneratorHarness.ModelFile(Path.Combine(RepoPaths.Headers, "test.abi"), TestModel.Text) };
        GeneratorDriver driver = GeneratorHarness.CreateDriver(models);

        driver = driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.EmptyCompilation(), out Compilation output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Single(driver.GetRunResult().GeneratedTrees, t => t.FilePath.EndsWith("FixedArrays.g.cs"));
        Assert.Empty(GeneratedCode.Problems(output));
    }

    [Fact]
    public void Records_whose_names_differ_only_in_case_get_their_own_files()
    {
        const string header = "struct foo { int a; };\nstruct FOO { long b; };\n";
        string model = CLayoutTemplate.Fill(
            "abi 1\ntarget x86_64-pc-linux-gnu\nheader test.h\n"
            + "\nstruct FOO size={{sizeof(struct FOO)}} align={{_Alignof(struct FOO)}} at=test.h:2\n  field b bit={{offsetof(struct FOO, b)*8}} type=i64 c=\"long\" at=test.h:2\n"
            + "\nstruct foo size={{sizeof(struct foo)}} align={{_Alignof(struct foo)}} at=test.h:1\n  field a bit={{offsetof(struct foo, a)*8}} type=i32 c=\"int\" at=test.h:1\n"
            + "\nend\n",
            header);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { new GeneratorHarness.ModelFile(Path.Combine(RepoPaths.Headers, "case.abi"), model) });

        driver = driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.EmptyCompilation(), out Compilation output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratedCode.Problems(output));
        Assert.NotNull(output.GetTypeByMetadataName("Mshv.Interop.foo"));
        Assert.NotNull(output.GetTypeByMetadataName("Mshv.Interop.FOO"));
    }

    private static GeneratorDriverRunResult Run(string path, Dictionary<string, string>? properties = null) =>
        GeneratorHarness.Run(GeneratorHarness.CreateDriver(new[] { SeedFile(path) }, properties), GeneratorHarness.EmptyCompilation(), out _);

    private static GeneratorHarness.ModelFile SeedFile(string path) => new(path, File.ReadAllText(RepoPaths.SeedModel));
}
