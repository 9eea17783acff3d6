using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Mshv.Generator;

namespace Mshv.Tests.Generator.Support;

/// <summary>Runs <see cref="MshvGenerator"/> through a real GeneratorDriver with step tracking on.</summary>
internal static class GeneratorHarness
{
    /// <param name="models">The AdditionalFiles.</param>
    /// <param name="properties">MSBuild properties (without <c>build_property.</c>).</param>
    /// <param name="itemMetadata">AdditionalFiles item metadata by file path, as <c>build_metadata.AdditionalFiles.NAME</c> keys.</param>
    public static GeneratorDriver CreateDriver(
        IEnumerable<AdditionalText> models,
        IReadOnlyDictionary<string, string>? properties = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? itemMetadata = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new MshvGenerator().AsSourceGenerator() },
            models,
            new CSharpParseOptions(LanguageVersion.Latest),
            new PropertiesProvider(properties ?? new Dictionary<string, string>(), itemMetadata),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static Compilation EmptyCompilation() => GeneratedCode.Compile(new[] { "namespace App; public static class Program { }" });

    public static GeneratorDriverRunResult Run(GeneratorDriver driver, Compilation compilation, out GeneratorDriver next)
    {
        next = driver.RunGenerators(compilation);
        return next.GetRunResult();
    }

    /// <summary>An <c>.abi</c> file that exists only in memory.</summary>
    public sealed class ModelFile(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class PropertiesProvider(
        IReadOnlyDictionary<string, string> properties,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? itemMetadata) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties.ToImmutableDictionary(p => "build_property." + p.Key, p => p.Value));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            itemMetadata is not null && itemMetadata.TryGetValue(textFile.Path, out var metadata)
                ? new Options(metadata.ToImmutableDictionary(m => "build_metadata.AdditionalFiles." + m.Key, m => m.Value))
                : Options.Empty;
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
