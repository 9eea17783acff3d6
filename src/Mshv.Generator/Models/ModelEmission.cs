using Mshv.Abi;

namespace Mshv.Generator.Models;

/// <summary>
/// What one model contributes, as value-equatable pipeline state: its own files and diagnostics, and the
/// inline-array lengths it needs. <see cref="ModelPath"/> anchors header-relative locations (empty outside the generator) (the <c>FixedArrayN</c> types are shared by every model of a namespace).
/// </summary>
internal sealed record ModelEmission(
    string ModelPath,
    string Namespace,
    EquatableArray<EmittedFile> Files,
    EquatableArray<EmitDiagnostic> Diagnostics,
    EquatableArray<long> ArrayLengths)
{
    /// <summary>The <c>_Complex</c> primitives the model uses: their structs are shared by every model of a namespace too.</summary>
    public EquatableArray<string> ComplexKinds { get; init; } = EquatableArray<string>.Empty;
}
