using Mshv.Abi;

namespace Mshv.Generator.Models;

/// <summary>The inline-array lengths every model of one namespace needs, merged, sorted.</summary>
internal sealed record NamespaceArrays(string Namespace, EquatableArray<long> Lengths)
{
    /// <summary>The <c>_Complex</c> primitives the namespace's models use, merged, sorted.</summary>
    public EquatableArray<string> ComplexKinds { get; init; } = EquatableArray<string>.Empty;
}

/// <summary>Types emitted once per namespace of a compilation rather than once per model.</summary>
/// <param name="IoctlSupportNamespaces">
/// Namespaces that get the internal ioctl descriptor types (none when Mshv.Bindings is referenced).
/// </param>
internal sealed record SharedTypes(EquatableArray<NamespaceArrays> Arrays, EquatableArray<string> IoctlSupportNamespaces);
