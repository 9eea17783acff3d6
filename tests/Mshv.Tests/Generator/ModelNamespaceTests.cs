using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Mshv.Tests.Generator.Support;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>
/// Two ABIs side by side in one compilation (the seed's RFC and upstream linux/mshv.h, both named mshv.abi): each model
/// gets the namespace of its AdditionalFiles item's MshvNamespace metadata, so equal C names and class prefixes do not clash.
/// </summary>
public sealed class ModelNamespaceTests
{
    private static readonly string SeedPath = RepoPaths.SeedModel;
    private static readonly string UpstreamPath = RepoPaths.InRoot("headers", "upstream", "mshv.abi");

    [Fact]
    public void Two_mshv_models_with_their_own_namespaces_compile_together_without_diagnostics()
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(Models(), itemMetadata: new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [SeedPath] = Namespace("Mshv.Interop.Rfc"),
            [UpstreamPath] = Namespace("Mshv.Interop.Upstream"),
        });

        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.EmptyCompilation(), out Compilation output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratedCode.Problems(output));
        // Both declare struct mshv_create_partition (32 and 16 bytes), MshvConstants, MshvIoctls and FixedArray2.
        foreach (string ns in new[] { "Mshv.Interop.Rfc", "Mshv.Interop.Upstream" })
        {
            Assert.NotNull(output.GetTypeByMetadataName(ns + ".mshv_create_partition"));
            Assert.NotNull(output.GetTypeByMetadataName(ns + ".MshvIoctls"));
            Assert.NotNull(output.GetTypeByMetadataName(ns + ".FixedArray2`1"));
        }

        Assert.NotNull(output.GetTypeByMetadataName("Mshv.Interop.Upstream.mshv_create_partition_v2"));
        Assert.Null(output.GetTypeByMetadataName("Mshv.Interop.mshv_create_partition"));
    }

    [Fact]
    public void Without_namespaces_of_their_own_the_second_model_with_the_same_prefix_is_reported_not_compiled_twice()
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(Models());

        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.EmptyCompilation(), out Compilation output, out var diagnostics);

        Assert.Contains(diagnostics, d => d.Id == "MSHV0004");
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id is "CS0101" or "CS0102" or "CS0436");
    }

    [Fact]
    public void Models_whose_prefixes_differ_only_in_case_are_reported_not_a_generator_crash()
    {
        // Roslyn compares hint names ignoring case: Mshv.Bindings.g.cs and MSHV.Bindings.g.cs would collide in AddSource.
        string text = File.ReadAllText(SeedPath);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new AdditionalText[]
        {
            new GeneratorHarness.ModelFile(Path.Combine("a", "mshv.abi"), text),
            new GeneratorHarness.ModelFile(Path.Combine("b", "MSHV.abi"), text),
        });

        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.EmptyCompilation(), out Compilation output, out var diagnostics);

        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8785" or "AD0001");
        Diagnostic collision = Assert.Single(diagnostics, d => d.Id == "MSHV0004");
        Assert.Contains("differ only in case", collision.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull(output.GetTypeByMetadataName("Mshv.Interop.mshv_create_partition"));
        Assert.Empty(GeneratedCode.Problems(output));
    }

    [Fact]
    public void A_model_without_metadata_keeps_the_project_namespace_beside_one_with_its_own()
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(
            Models(),
            new Dictionary<string, string> { ["MshvNamespace"] = "App.Interop" },
            new Dictionary<string, IReadOnlyDictionary<string, string>> { [UpstreamPath] = Namespace("App.Upstream") });

        driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.EmptyCompilation(), out Compilation output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.NotNull(output.GetTypeByMetadataName("App.Interop.mshv_create_partition"));
        Assert.NotNull(output.GetTypeByMetadataName("App.Upstream.mshv_create_partition"));
    }

    [Fact]
    public void Editing_one_model_re_emits_only_that_model_and_keeps_the_namespaces()
    {
        var metadata = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [SeedPath] = Namespace("Mshv.Interop.Rfc"),
            [UpstreamPath] = Namespace("Mshv.Interop.Upstream"),
        };
        AdditionalText[] models = Models().ToArray();
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(models, itemMetadata: metadata);
        GeneratorHarness.Run(driver, compilation, out driver);

        string edited = File.ReadAllText(UpstreamPath).Replace("macro MSHV_IOCTL value=184", "macro MSHV_IOCTL value=185", System.StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(models[1], new GeneratorHarness.ModelFile(UpstreamPath, edited));
        GeneratorDriverRunResult second = GeneratorHarness.Run(driver, compilation, out _);

        var steps = second.Results.Single().TrackedSteps;
        Assert.True(steps[Mshv.Generator.TrackingNames.ModelNamespaces].Single().Outputs.Single().Reason
            is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        var emissions = steps[Mshv.Generator.TrackingNames.Emissions].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Contains(IncrementalStepRunReason.Cached, emissions);   // the seed's
        Assert.Contains(IncrementalStepRunReason.Modified, emissions); // upstream's
        Assert.Contains(second.GeneratedTrees, t => t.FilePath.EndsWith("Mshv.Interop.Upstream.Mshv.Bindings.g.cs", System.StringComparison.Ordinal)
            && t.ToString().Contains("MSHV_IOCTL = 185;", System.StringComparison.Ordinal));
    }

    private static IEnumerable<AdditionalText> Models() => new[]
    {
        new GeneratorHarness.ModelFile(SeedPath, File.ReadAllText(SeedPath)),
        new GeneratorHarness.ModelFile(UpstreamPath, File.ReadAllText(UpstreamPath)),
    };

    private static IReadOnlyDictionary<string, string> Namespace(string ns) => new Dictionary<string, string> { ["MshvNamespace"] = ns };
}
