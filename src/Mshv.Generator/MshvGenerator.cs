using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Mshv.Abi;
using Mshv.Generator.Models;
using Mshv.Generator.Selection;

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
            .Select(static (source, token) => PipelineSteps.Parse(source, token))
            .WithTrackingName(TrackingNames.ParsedModels);

        // Only the set of model paths: editing one model does not re-emit the others.
        IncrementalValueProvider<EquatableArray<string>> modelPaths = modelFiles
            .Select(static (file, _) => file.Path)
            .Collect()
            .Select(static (paths, _) => PipelineSteps.Sort(paths))
            .WithTrackingName(TrackingNames.ModelPaths);

        // A model's own namespace (AdditionalFiles metadata MshvNamespace) lets two ABIs live side by side in one compilation.
        IncrementalValueProvider<EquatableArray<ModelNamespace>> modelNamespaces = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => ModelNamespace.IsModel(pair.Left.Path))
            .Select(static (pair, _) => ModelNamespace.From(pair.Left.Path, pair.Right.GetOptions(pair.Left)))
            .Where(static entry => entry is not null)
            .Collect()
            .Select(static (entries, _) => PipelineSteps.SortNamespaces(entries!));

        IncrementalValueProvider<GeneratorOptions> options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.From(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options)
            .Combine(modelNamespaces)
            .Select(static (pair, _) => pair.Left with { ModelNamespaces = pair.Right })
            .WithTrackingName(TrackingNames.ModelNamespaces);

        IncrementalValueProvider<bool> needsSupport = context.CompilationProvider
            .Select(static (compilation, _) => PipelineSteps.NeedsIoctlSupportTypes(compilation))
            .WithTrackingName(TrackingNames.SupportTypesNeeded);

        // Selection files (MshvSelection items, or files named MshvSelection.txt): only their names are emitted.
        IncrementalValueProvider<SelectionSet> selection = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => SelectionFile.IsSelection(pair.Left.Path, PipelineSteps.Kind(pair.Right.GetOptions(pair.Left))))
            .Select(static (pair, token) => SelectionFile.Parse(pair.Left.Path, pair.Left.GetText(token)?.ToString()))
            .WithTrackingName(TrackingNames.SelectionFiles)
            .Collect()
            .Select(static (files, _) => SelectionSet.Merge(files))
            .WithTrackingName(TrackingNames.Selection);

        // The type names each model declares: models of one namespace clash, so a later model's duplicate is renamed (MSHV0004), not CS0101.
        // Only the names: editing a model without changing its names does not re-emit the others.
        IncrementalValueProvider<EquatableArray<ModelTypeNames>> typeNames = models
            .Combine(selection)
            .Select(static (pair, _) => PipelineSteps.TypeNames(pair.Left, pair.Right))
            .Collect()
            .Select(static (names, _) => PipelineSteps.SortTypeNames(names))
            .WithTrackingName(TrackingNames.TypeNames);

        // Per model, only what it needs to know of the others, so adding or editing another model leaves its emission cached.
        IncrementalValuesProvider<ModelNeighbours> neighbours = models
            .Combine(modelPaths.Combine(typeNames).Combine(options))
            .Select(static (pair, _) => PipelineSteps.Neighbours(pair.Left, pair.Right.Left.Left, pair.Right.Left.Right, pair.Right.Right))
            .WithTrackingName(TrackingNames.ModelNeighbours);

        IncrementalValuesProvider<ModelEmission> emissions = neighbours
            .Combine(options.Combine(needsSupport).Combine(selection))
            .Select(static (pair, token) => PipelineSteps.Emit(
                pair.Left.Model, pair.Right.Left.Left, pair.Right.Left.Right, pair.Left.SamePrefixPaths, pair.Right.Right, pair.Left.EarlierTypeNames, token))
            .WithTrackingName(TrackingNames.Emissions);

        IncrementalValueProvider<EquatableArray<EmitDiagnostic>> unknownSelections = selection
            .Combine(models.Collect())
            .Select(static (pair, _) => PipelineSteps.UnknownSelections(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.UnknownSelections);

        IncrementalValueProvider<SharedTypes> shared = emissions
            .Collect()
            .Combine(needsSupport)
            .Select(static (pair, _) => PipelineSteps.Share(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.SharedTypes);

        // What each build-time scan read (NAME.abi.deps): diagnostics then point at the real header, not at obj/.
        IncrementalValueProvider<EquatableArray<HeaderFiles>> headerFiles = context.AdditionalTextsProvider
            .Where(static file => HeaderFiles.IsDependencyFile(file.Path))
            .Select(static (file, token) => HeaderFiles.Parse(file.Path, file.GetText(token)?.ToString()))
            .Collect()
            .Select(static (files, _) => files.OrderBy(f => f.ModelPath, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.HeaderFiles);

        context.RegisterSourceOutput(emissions.Combine(headerFiles), static (output, pair) => PipelineSteps.AddModel(output, pair.Left, pair.Right));
        context.RegisterSourceOutput(shared, static (output, types) => PipelineSteps.AddShared(output, types));
        context.RegisterSourceOutput(unknownSelections, static (output, diagnostics) => PipelineSteps.Report(output, diagnostics));
    }
}
