using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Mshv.Generator;
using Mshv.Tests.Generator.Support;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>
/// Incremental behaviour under inputs that CHANGE, in the style of dotnet/runtime's
/// LoggerMessageGeneratorIncrementalTests: identical reruns prove nothing (a step compared by reference passes them),
/// so each test edits something and asserts the exact reason of every step, after checking the edit was seen.
/// </summary>
public sealed class IncrementalChangeTests
{
    private const string SecondModel = "abi 1\ntarget x86_64-unknown-linux-gnu\nheader other.h\n\n"
        + "struct other size=4 align=4 at=other.h:1\n  field a bit=0 type=u32 c=\"int\" at=other.h:2\n\nend\n";

    [Fact]
    public void Comment_only_model_edit_changes_the_source_and_nothing_after_it()
    {
        GeneratorHarness.ModelFile seed = SeedFile("/models/mshv.abi");
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { seed });
        GeneratorHarness.Run(driver, compilation, out driver);

        var commented = new GeneratorHarness.ModelFile(seed.Path, "# a reviewer's note\n" + seed.GetText()!.ToString().Replace("\n\nstruct", "\n# between records\n\nstruct"));
        var steps = GeneratorHarness.Run(driver.ReplaceAdditionalText(seed, commented), compilation, out _).Results.Single().TrackedSteps;

        Assert.Equal(IncrementalStepRunReason.Modified, Single(steps, TrackingNames.ModelSources));
        Assert.Equal(IncrementalStepRunReason.Unchanged, Single(steps, TrackingNames.ParsedModels));
        AssertAll(steps, IncrementalStepRunReason.Cached, TrackingNames.ModelNeighbours, TrackingNames.Emissions, TrackingNames.SharedTypes);
    }

    [Fact]
    public void Adding_a_second_model_leaves_the_first_models_steps_cached()
    {
        GeneratorHarness.ModelFile seed = SeedFile("/models/mshv.abi");
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { seed });
        GeneratorHarness.Run(driver, compilation, out driver);

        // "zz" sorts after "mshv": the first model's neighbours (same prefix, earlier type names) do not change.
        driver = driver.AddAdditionalTexts(ImmutableArrayOf(new GeneratorHarness.ModelFile("/models/zz.abi", SecondModel)));
        GeneratorRunResult result = GeneratorHarness.Run(driver, compilation, out _).Results.Single();
        var steps = result.TrackedSteps;

        Assert.Equal(2, steps[TrackingNames.ModelSources].Length);
        Assert.Equal(IncrementalStepRunReason.Modified, steps[TrackingNames.ModelPaths].Single().Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, steps[TrackingNames.ModelSources][0].Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, steps[TrackingNames.ParsedModels][0].Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, steps[TrackingNames.ModelNeighbours][0].Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, steps[TrackingNames.Emissions][0].Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.New, steps[TrackingNames.Emissions][1].Outputs.Single().Reason);
        Assert.Contains(result.GeneratedSources, s => s.HintName.StartsWith("Zz.", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Unrelated_CSharp_edit_leaves_every_step_cached_but_the_compilation_question()
    {
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { SeedFile("/models/mshv.abi") });
        GeneratorHarness.Run(driver, compilation, out driver);

        Compilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App; internal static class Unrelated { }"));
        var steps = GeneratorHarness.Run(driver, edited, out _).Results.Single().TrackedSteps;

        // Only this step reads the compilation: it must run again (the edit could have added Mshv.Bindings), and finds the same answer.
        Assert.Equal(IncrementalStepRunReason.Unchanged, Single(steps, TrackingNames.SupportTypesNeeded));
        AssertAll(
            steps,
            IncrementalStepRunReason.Cached,
            steps.Keys.Where(k => k != TrackingNames.SupportTypesNeeded && typeof(TrackingNames).GetField(k) is not null).ToArray());
        Assert.True(steps.Keys.Count(k => typeof(TrackingNames).GetField(k) is not null) >= 10, "steps tracked: " + string.Join(", ", steps.Keys));
    }

    private static IncrementalStepRunReason Single(IReadOnlyDictionary<string, System.Collections.Immutable.ImmutableArray<IncrementalGeneratorRunStep>> steps, string name) =>
        steps[name].Single().Outputs.Single().Reason;

    private static void AssertAll(
        IReadOnlyDictionary<string, System.Collections.Immutable.ImmutableArray<IncrementalGeneratorRunStep>> steps, IncrementalStepRunReason expected, params string[] names)
    {
        foreach (string name in names)
        {
            Assert.True(steps.ContainsKey(name), "step " + name + " was not tracked");
            Assert.All(steps[name].SelectMany(s => s.Outputs), o => Assert.True(o.Reason == expected, name + ": " + o.Reason));
        }
    }

    private static System.Collections.Immutable.ImmutableArray<AdditionalText> ImmutableArrayOf(AdditionalText text) =>
        System.Collections.Immutable.ImmutableArray.Create(text);

    private static GeneratorHarness.ModelFile SeedFile(string path) => new(path, File.ReadAllText(RepoPaths.SeedModel));
}
