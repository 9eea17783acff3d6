using Microsoft.CodeAnalysis;

namespace Mshv.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator and the emitter can report: stable ids, what went wrong, what to do.
/// The ids and <see cref="IsError"/> are plain constants so the emitter (also used by the CLI, without
/// Roslyn loaded) can use them; the Roslyn descriptors are built only when the generator reports.
/// </summary>
public static class MshvDiagnostics
{
    public const string ModelUnreadable = "MSHV0001";
    public const string InexactType = "MSHV0002";
    public const string MissingRecord = "MSHV0003";
    public const string NameCollision = "MSHV0004";
    public const string InvalidOption = "MSHV0005";
    public const string UnknownSelection = "MSHV0006";

    /// <summary>A request's argument ends in a flexible array whose count field is unknown (numbered apart from the 000x series).</summary>
    public const string FlexibleArrayCount = "MSHV0020";

    private const string Category = "Mshv.Generator";

    public static bool IsError(string id) => id is ModelUnreadable or MissingRecord or InvalidOption;

    internal static DiagnosticDescriptor Descriptor(string id) => id switch
    {
        ModelUnreadable => Descriptors.ModelUnreadable,
        InexactType => Descriptors.InexactType,
        MissingRecord => Descriptors.MissingRecord,
        NameCollision => Descriptors.NameCollision,
        InvalidOption => Descriptors.InvalidOption,
        UnknownSelection => Descriptors.UnknownSelection,
        FlexibleArrayCount => Descriptors.FlexibleArrayCount,
        _ => throw new System.ArgumentOutOfRangeException(nameof(id), id, "not a diagnostic id of Mshv.Generator"),
    };

    private static class Descriptors
    {
        public static readonly DiagnosticDescriptor ModelUnreadable = Make(
            MshvDiagnostics.ModelUnreadable,
            "ABI model file is not readable",
            "The ABI model is not in the canonical form: {0}. Rescan the headers with `mshv scan` instead of editing the model.");

        public static readonly DiagnosticDescriptor InexactType = Make(
            MshvDiagnostics.InexactType,
            "C type has no exact C# equivalent",
            "{0}");

        public static readonly DiagnosticDescriptor MissingRecord = Make(
            MshvDiagnostics.MissingRecord,
            "Record missing from the ABI model",
            "{0}. Rescan the headers so the model includes it.");

        public static readonly DiagnosticDescriptor NameCollision = Make(
            MshvDiagnostics.NameCollision,
            "Name collision in generated code",
            "{0}");

        public static readonly DiagnosticDescriptor InvalidOption = Make(
            MshvDiagnostics.InvalidOption,
            "Invalid Mshv generator option",
            "{0}");

        public static readonly DiagnosticDescriptor UnknownSelection = Make(
            MshvDiagnostics.UnknownSelection,
            "Selected name not found",
            "{0}");

        public static readonly DiagnosticDescriptor FlexibleArrayCount = Make(
            MshvDiagnostics.FlexibleArrayCount,
            "Flexible array without a known count",
            "{0}");

        private static DiagnosticDescriptor Make(string id, string title, string message) => new(
            id,
            title,
            message,
            Category,
            IsError(id) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
            isEnabledByDefault: true);
    }
}
