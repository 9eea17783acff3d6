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
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> models, IReadOnlyDictionary<string, string>? properties = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new MshvGenerator().AsSourceGenerator() },
            models,
            new CSharpParseOptions(LanguageVersion.Latest),
            new PropertiesProvider(properties ?? new Dictionary<string, string>()),
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

    private sealed class PropertiesProvider(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties.ToImmutableDictionary(p => "build_property." + p.Key, p => p.Value));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
