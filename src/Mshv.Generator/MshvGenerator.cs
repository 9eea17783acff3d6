using System;
using Microsoft.CodeAnalysis;
using Mshv.Abi;
using Mshv.Generator.Models;

namespace Mshv.Generator;

/// <summary>
/// ABI models (<c>*.abi</c> AdditionalFiles) in, exact-layout C# out. Only the pipeline lives here; each
/// step's work is in <see cref="PipelineSteps"/>, and every step's state is a value-equatable record.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MshvGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<AdditionalText> modelFiles = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".abi", StringComparison.OrdinalIgnoreCase));

        IncrementalValuesProvider<ParsedModel> models = modelFiles
            .Select(static (file, token) => new ModelSource(file.Path, file.GetText(token)?.ToString()))
            .WithTrackingName(TrackingNames.ModelSources)
            .Select(static (source, _) => PipelineSteps.Parse(source))
            .WithTrackingName(TrackingNames.ParsedModels);

        // Only the set of model paths: editing one model does not re-emit the others.
        IncrementalValueProvider<EquatableArray<string>> modelPaths = modelFiles
            .Select(static (file, _) => file.Path)
            .Collect()
            .Select(static (paths, _) => PipelineSteps.Sort(paths))
            .WithTrackingName(TrackingNames.ModelPaths);

        IncrementalValueProvider<GeneratorOptions> options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.From(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        IncrementalValueProvider<bool> needsSupport = context.CompilationProvider
            .Select(static (compilation, _) => PipelineSteps.NeedsIoctlSupportTypes(compilation))
            .WithTrackingName(TrackingNames.SupportTypesNeeded);

        IncrementalValuesProvider<ModelEmission> emissions = models
            .Combine(options.Combine(needsSupport).Combine(modelPaths))
            .Select(static (pair, _) => PipelineSteps.Emit(pair.Left, pair.Right.Left.Left, pair.Right.Left.Right, pair.Right.Right))
            .WithTrackingName(TrackingNames.Emissions);

        IncrementalValueProvider<SharedTypes> shared = emissions
            .Collect()
            .Combine(needsSupport)
            .Select(static (pair, _) => PipelineSteps.Share(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.SharedTypes);

        context.RegisterSourceOutput(emissions, static (output, emission) => PipelineSteps.AddModel(output, emission));
        context.RegisterSourceOutput(shared, static (output, types) => PipelineSteps.AddShared(output, types));
    }
}
