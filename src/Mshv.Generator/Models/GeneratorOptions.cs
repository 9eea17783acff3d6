using Microsoft.CodeAnalysis.Diagnostics;

namespace Mshv.Generator.Models;

/// <summary>The MSBuild properties the generator reads; <see cref="ClassPrefix"/> null means "from the model file name".</summary>
internal sealed record GeneratorOptions(string Namespace, string? ClassPrefix)
{
    public const string NamespaceProperty = "build_property.MshvNamespace";
    public const string ClassPrefixProperty = "build_property.MshvClassPrefix";

    public static GeneratorOptions From(AnalyzerConfigOptions options) =>
        new(Read(options, NamespaceProperty) ?? EmitOptions.DefaultNamespace, Read(options, ClassPrefixProperty));

    private static string? Read(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
