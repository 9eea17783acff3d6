using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mshv.Generator.Models;

/// <summary>
/// A model's own namespace, from the <c>MshvNamespace</c> metadata of its AdditionalFiles item, so that two ABIs
/// (the seed's RFC and upstream <c>linux/mshv.h</c>) can be bound side by side in one compilation.
/// </summary>
internal sealed record ModelNamespace(string ModelPath, string Namespace)
{
    public const string Metadata = "build_metadata.AdditionalFiles.MshvNamespace";

    public static ModelNamespace? From(string path, AnalyzerConfigOptions options) =>
        options.TryGetValue(Metadata, out string? value) && !string.IsNullOrWhiteSpace(value) ? new(path, value.Trim()) : null;

    public static bool IsModel(string path) => path.EndsWith(".abi", StringComparison.OrdinalIgnoreCase);
}
