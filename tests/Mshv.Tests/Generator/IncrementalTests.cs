using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Mshv.Generator;
using Mshv.Tests.Generator.Support;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Generator;

/// <summary>
/// The generator is incremental: a changed model is re-emitted. (What stays cached when other inputs change is proved in
/// IncrementalChangeTests, with inputs that change.)
/// </summary>
public sealed class IncrementalTests
{
    [Fact]
    public void Changing_the_model_re_emits_it()
    {
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        GeneratorHarness.ModelFile model = SeedFile();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { model });
        GeneratorHarness.Run(driver, compilation, out driver);

        var changed = new GeneratorHarness.ModelFile(model.Path, model.GetText()!.ToString().Replace("macro MSHV_VERSION value=0", "macro MSHV_VERSION value=1"));
        driver = driver.ReplaceAdditionalText(model, changed);
        GeneratorDriverRunResult second = GeneratorHarness.Run(driver, compilation, out _);

        Assert.Equal(IncrementalStepRunReason.Modified, second.Results.Single().TrackedSteps[TrackingNames.Emissions].Single().Outputs.Single().Reason);
    }

    [Fact]
    public void Pipeline_models_hold_no_roslyn_symbols_syntax_or_locations()
    {
        Type[] forbidden = { typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location) };
        var pipelineRoots = typeof(MshvGenerator).Assembly.GetTypes()
            .Where(t => t.Namespace == "Mshv.Generator.Models" && !t.IsAbstract)
            .ToList();
        Assert.Contains(pipelineRoots, t => t.Name == "ModelEmission");

        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(pipelineRoots);
        while (pending.Count > 0)
        {
            Type type = pending.Dequeue();
            if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
            {
                continue;
            }

            Assert.False(forbidden.Any(f => f.IsAssignableFrom(type)), type + " is reachable from pipeline state");
            foreach (Type inner in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.FieldType)
                .SelectMany(t => t.IsGenericType ? t.GetGenericArguments().Append(t) : new[] { t.IsArray ? t.GetElementType()! : t }))
            {
                pending.Enqueue(inner);
            }
        }

        Assert.Contains(typeof(Mshv.Abi.AbiField), seen);
    }

    private static GeneratorHarness.ModelFile SeedFile() =>
        new(RepoPaths.SeedModel, System.IO.File.ReadAllText(RepoPaths.SeedModel));
}
