using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Mshv.Abi;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Emission;
using Mshv.Generator.Helpers;
using Mshv.Generator.Models;
using Mshv.Generator.Selection;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mshv.Generator;

/// <summary>The work of each pipeline step, kept out of the generator entry point so the pipeline reads at a glance.</summary>
internal static class PipelineSteps
{
    public static ParsedModel Parse(ModelSource source, CancellationToken cancellationToken = default)
    {
        if (source.Text is null)
        {
            return new ParsedModel(source.Path, null, new EmitDiagnostic(MshvDiagnostics.ModelUnreadable, "the file could not be read", new SourceLocation(source.Path, 1)));
        }

        try
        {
            return new ParsedModel(source.Path, AbiModelReader.Read(source.Text, source.Path, cancellationToken), null);
        }
        catch (AbiFormatException error)
        {
            return new ParsedModel(source.Path, null, BindingEmitter.Unreadable(error));
        }
    }

    public static EquatableArray<string> Sort(ImmutableArray<string> paths) =>
        paths.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToEquatableArray();

    public static string? Kind(AnalyzerConfigOptions options) =>
        options.TryGetValue(SelectionFile.KindMetadata, out string? kind) ? kind : null;

    /// <summary>
    /// What one model's emission needs of the others: the model paths that share its class prefix, and the type names of
    /// the models before it (ordinal path). Adding a model after it, or editing another without renaming, changes neither.
    /// </summary>
    public static ModelNeighbours Neighbours(ParsedModel parsed, EquatableArray<string> allModelPaths, EquatableArray<ModelTypeNames> typeNames, GeneratorOptions options)
    {
        string prefix = PrefixOf(parsed.Path, options);
        return new ModelNeighbours(
            parsed,
            allModelPaths.Where(p => string.Equals(PrefixOf(p, options), prefix, StringComparison.OrdinalIgnoreCase)).ToEquatableArray(),
            typeNames.Where(t => string.CompareOrdinal(t.ModelPath, parsed.Path) < 0).ToEquatableArray());
    }

    public static ModelEmission Emit(ParsedModel parsed, GeneratorOptions options, bool needsSupport, EquatableArray<string> allModelPaths, SelectionSet selection, EquatableArray<ModelTypeNames> typeNames, CancellationToken cancellationToken = default)
    {
        if (parsed.Model is null)
        {
            return Failed(parsed, options, parsed.Error!);
        }

        // Two models with one class prefix in one namespace would declare the same classes and hint names: the first path keeps it.
        // Compared ignoring case, as Roslyn compares hint names: kvm.abi and KVM.abi (prefixes Kvm and KVM) would collide there.
        string prefix = PrefixOf(parsed.Path, options);
        string ns = options.NamespaceOf(parsed.Path);
        string owner = allModelPaths.FirstOrDefault(p => string.Equals(PrefixOf(p, options), prefix, StringComparison.OrdinalIgnoreCase)
            && string.Equals(options.NamespaceOf(p), ns, StringComparison.OrdinalIgnoreCase)) ?? parsed.Path;
        if (owner != parsed.Path)
        {
            string ownerPrefix = PrefixOf(owner, options);
            return Failed(parsed, options, new EmitDiagnostic(
                MshvDiagnostics.NameCollision,
                "Models " + owner + " and " + parsed.Path + " both get the class prefix '" + prefix + "'"
                + (ownerPrefix == prefix ? string.Empty : " (the first '" + ownerPrefix + "': generated file names differ only in case)") + " (from " + (options.ClassPrefix is null ? "their file names" : "MshvClassPrefix") + "); nothing is generated for the second. Give the models different file names, or generate them in separate projects",
                new SourceLocation(parsed.Path, 1)));
        }

        // The support types themselves are emitted once per compilation (AddShared); the flag here makes the ioctls class internal.
        var emitOptions = new EmitOptions(ns, prefix, needsSupport) { Directives = selection.Directives() };
        AbiModel model = selection.IsEverything ? parsed.Model : ModelSelection.Apply(parsed.Model, selection.Names(parsed.Model));
        // Models of one namespace share it: a type name an earlier model (ordinal path) declares there is taken for this one.
        var taken = typeNames
            .Where(t => string.CompareOrdinal(t.ModelPath, parsed.Path) < 0 && options.NamespaceOf(t.ModelPath) == ns)
            .SelectMany(t => t.Names);
        ModelEmission emission = BindingEmitter.EmitModel(model, emitOptions, taken, cancellationToken) with { ModelPath = parsed.Path };
        // Models with namespaces of their own may share a class prefix (two mshv.abi): their hint names carry the namespace.
        return options.HasOwnNamespace(parsed.Path)
            ? emission with { Files = emission.Files.Select(f => f with { HintName = ns + "." + f.HintName }).ToEquatableArray() }
            : emission;
    }

    /// <summary>The record and enum names a model declares after selection; unreadable models declare none.</summary>
    public static ModelTypeNames TypeNames(ParsedModel parsed, SelectionSet selection)
    {
        if (parsed.Model is null)
        {
            return new ModelTypeNames(parsed.Path, EquatableArray<string>.Empty);
        }

        AbiModel model = selection.IsEverything ? parsed.Model : ModelSelection.Apply(parsed.Model, selection.Names(parsed.Model));
        return new ModelTypeNames(parsed.Path, EmissionContext.WantedTypeNames(model).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray());
    }

    public static EquatableArray<ModelNamespace> SortNamespaces(ImmutableArray<ModelNamespace> entries) =>
        entries.OrderBy(e => e.ModelPath, StringComparer.Ordinal).ToEquatableArray();

    public static EquatableArray<ModelTypeNames> SortTypeNames(ImmutableArray<ModelTypeNames> names) =>
        names.OrderBy(n => n.ModelPath, StringComparer.Ordinal).ToEquatableArray();

    /// <summary>A selected name no model of the compilation has: reported on its line of the selection file.</summary>
    public static EquatableArray<EmitDiagnostic> UnknownSelections(SelectionSet selection, ImmutableArray<ParsedModel> models)
    {
        // Directives are checked once here, not per model: a line no model can apply is one diagnostic.
        EquatableArray<EmitDiagnostic> malformed = DirectiveCheck.Malformed(selection.Directives()).ToEquatableArray();
        // An unreadable model is reported on its own (MSHV0001); its names are unknown, not missing.
        if (models.Any(m => m.Model is null))
        {
            return malformed;
        }

        // A directive for a name no model has restricts nothing: a misspelt 'argument' line would leave a typed call in place.
        IEnumerable<EmitDiagnostic> unapplied = DirectiveCheck.Unknown(selection.Directives(), models.Select(m => m.Model!).ToList());
        if (selection.IsEverything)
        {
            return malformed.Concat(unapplied).ToEquatableArray();
        }

        var known = new System.Collections.Generic.HashSet<string>(models.SelectMany(m => ModelSelection.SelectableNames(m.Model!)), StringComparer.Ordinal);
        string where = models.Length == 0 ? "any ABI model (no UapiHeader or .abi file in this project)"
            : "the ABI model" + (models.Length == 1 ? " " + Path.GetFileName(models[0].Path) : "s");
        return selection.Files
            .SelectMany(file => file.Names
                .Select(n => (Line: n, Problem: SelectionRules.Problem(n, known, where)))
                .Where(p => p.Problem is not null)
                .Select(p => new EmitDiagnostic(MshvDiagnostics.UnknownSelection, p.Problem!, new SourceLocation(file.Path, p.Line.Line))))
            .Concat(malformed)
            .Concat(unapplied)
            .ToEquatableArray();
    }

    public static void Report(SourceProductionContext context, EquatableArray<EmitDiagnostic> diagnostics)
    {
        foreach (EmitDiagnostic diagnostic in diagnostics)
        {
            context.ReportDiagnostic(DiagnosticLocations.Create(diagnostic, string.Empty));
        }
    }

    private static string PrefixOf(string path, GeneratorOptions options) =>
        options.ClassPrefix ?? BindingEmitter.DefaultClassPrefix(Path.GetFileNameWithoutExtension(path));

    private static ModelEmission Failed(ParsedModel parsed, GeneratorOptions options, EmitDiagnostic diagnostic) =>
        new(parsed.Path, options.NamespaceOf(parsed.Path), EquatableArray<EmittedFile>.Empty, new[] { diagnostic }.ToEquatableArray(), EquatableArray<long>.Empty);

    /// <summary>Support types are needed unless the compilation can already see Mshv.Bindings' public ones.</summary>
    public static bool NeedsIoctlSupportTypes(Compilation compilation)
    {
        INamedTypeSymbol? probe = compilation.GetTypeByMetadataName(IoctlSupportEmitter.ProbeMetadataName);
        return probe is null || !compilation.IsSymbolAccessibleWithin(probe, compilation.Assembly);
    }

    public static SharedTypes Share(ImmutableArray<ModelEmission> emissions, bool needsSupport) => new(
        emissions
            .Where(e => e.Files.Count > 0)
            .GroupBy(e => e.Namespace, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new NamespaceArrays(g.Key, g.SelectMany(e => e.ArrayLengths).Distinct().OrderBy(n => n).ToEquatableArray())
            {
                ComplexKinds = g.SelectMany(e => e.ComplexKinds).Distinct(StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal).ToEquatableArray(),
            })
            .Where(n => n.Lengths.Count > 0 || n.ComplexKinds.Count > 0)
            .ToEquatableArray(),
        needsSupport
            ? emissions.Where(e => e.Files.Count > 0).Select(e => e.Namespace)
                .Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray()
            : EquatableArray<string>.Empty);

    public static void AddModel(SourceProductionContext context, ModelEmission emission, EquatableArray<HeaderFiles> headerFiles)
    {
        HeaderFiles? read = headerFiles.FirstOrDefault(h => string.Equals(h.ModelPath, emission.ModelPath, StringComparison.Ordinal));
        foreach (EmittedFile file in emission.Files)
        {
            context.AddSource(file.HintName, file.Source);
        }

        foreach (EmitDiagnostic diagnostic in emission.Diagnostics)
        {
            context.ReportDiagnostic(DiagnosticLocations.Create(diagnostic, emission.ModelPath, read));
        }
    }

    public static void AddShared(SourceProductionContext context, SharedTypes shared)
    {
        foreach (NamespaceArrays arrays in shared.Arrays)
        {
            if (arrays.Lengths.Count > 0)
            {
                context.AddSource(FixedArrayEmitter.HintName(arrays.Namespace), FixedArrayEmitter.Emit(arrays.Namespace, arrays.Lengths));
            }

            if (arrays.ComplexKinds.Count > 0)
            {
                context.AddSource(ComplexEmitter.HintName(arrays.Namespace), ComplexEmitter.Emit(arrays.Namespace, arrays.ComplexKinds));
            }
        }

        foreach (string ns in shared.IoctlSupportNamespaces)
        {
            context.AddSource(IoctlSupportEmitter.HintName(ns), IoctlSupportEmitter.Emit(ns));
        }
    }
}
