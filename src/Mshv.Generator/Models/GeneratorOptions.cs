using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;
using Mshv.Abi;
using Mshv.Generator.Helpers;

namespace Mshv.Generator.Models;

/// <summary>The MSBuild properties the generator reads; <see cref="ClassPrefix"/> null means "from the model file name".</summary>
/// <remarks><see cref="ModelNamespaces"/> are per-model namespaces (AdditionalFiles metadata) that override <see cref="Namespace"/>.</remarks>
internal sealed record GeneratorOptions(string Namespace, string? ClassPrefix)
{
    public EquatableArray<ModelNamespace> ModelNamespaces { get; init; } = EquatableArray<ModelNamespace>.Empty;

    /// <summary>The namespace the model at <paramref name="modelPath"/> is emitted into.</summary>
    public string NamespaceOf(string modelPath)
    {
        foreach (ModelNamespace entry in ModelNamespaces)
        {
            if (entry.ModelPath == modelPath)
            {
                return entry.Namespace;
            }
        }

        return Namespace;
    }

    /// <summary>Whether the model has a namespace of its own (its generated files then carry it in their hint names).</summary>
    public bool HasOwnNamespace(string modelPath) => ModelNamespaces.Any(e => e.ModelPath == modelPath);

    public const string NamespaceProperty = "build_property.MshvNamespace";
    public const string ClassPrefixProperty = "build_property.MshvClassPrefix";
    public const string RootNamespaceProperty = "build_property.RootNamespace";

    /// <summary>
    /// The namespace is <c>MshvNamespace</c>, else the project's <c>RootNamespace</c> + <c>.Interop</c> (a project's
    /// own namespace, so its types never collide with those Mshv.Bindings declares in <c>Mshv.Interop</c>), else
    /// <see cref="EmitOptions.DefaultNamespace"/>.
    /// </summary>
    public static GeneratorOptions From(AnalyzerConfigOptions options) =>
        new(Read(options, NamespaceProperty) ?? FromRootNamespace(Read(options, RootNamespaceProperty)) ?? EmitOptions.DefaultNamespace,
            Read(options, ClassPrefixProperty));

    private static string? FromRootNamespace(string? root) =>
        root is not null && CSharpNames.IsNamespace(root) ? root + ".Interop" : null;

    private static string? Read(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
