using Mshv.Abi;

namespace Mshv.Generator.Models;

/// <summary>What the emitter is asked for, beyond the model itself.</summary>
/// <param name="Namespace">The namespace of the generated types (MSBuild <c>MshvNamespace</c>, CLI <c>--namespace</c>).</param>
/// <param name="ClassPrefix">Prefix of the constants and ioctl classes (<c>Mshv</c> → <c>MshvConstants</c>, <c>MshvIoctls</c>).</param>
/// <param name="EmitIoctlSupportTypes">
/// Emit the four ioctl descriptor types (internal, in <see cref="Namespace"/>) because the compilation does not reference Mshv.Bindings.
/// </param>
public sealed record EmitOptions(string Namespace, string ClassPrefix, bool EmitIoctlSupportTypes)
{
    public const string DefaultNamespace = "Mshv.Interop";

    /// <summary>
    /// The namespace bindings get in a project whose root namespace is <paramref name="rootNamespace"/>, as the build
    /// chooses it (<c>$(RootNamespace).Interop</c>); without a usable root namespace, <c>Interop</c>. Either is the
    /// project's own, so the types never collide with those Mshv.Bindings declares under <c>Mshv.</c>.
    /// </summary>
    public static string InteropNamespaceOf(string? rootNamespace) =>
        rootNamespace is not null && Helpers.CSharpNames.IsNamespace(rootNamespace) ? rootNamespace + ".Interop" : "Interop";

    /// <summary>Selection-file directives (<c>count RECORD FIELD</c>) the emitter applies; empty by default.</summary>
    public EquatableArray<Selection.SelectionDirective> Directives { get; init; }

    /// <summary>
    /// Whether the ioctls class checks, before its first use, that the process runs on the model's architecture.
    /// Always on in builds; off only where layouts of another architecture are measured on purpose (conformance probes).
    /// </summary>
    public bool CheckProcessArchitecture { get; init; } = true;
}
