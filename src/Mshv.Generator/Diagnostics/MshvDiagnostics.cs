using Microsoft.CodeAnalysis;
using Mshv.Abi.Diagnostics;

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

    /// <summary>A request encodes a larger argument size than its argument type has.</summary>
    public const string IoctlSizeExceedsArgument = "MSHV0021";

    /// <summary>A selection-file directive the generator cannot apply.</summary>
    public const string MalformedDirective = "MSHV0022";

    private const string Category = "Mshv.Generator";

    /// <summary>The default severity, from the one table of diagnostic texts.</summary>
    public static bool IsError(string id) => DiagnosticCatalog.Get(id).IsError;

    internal static DiagnosticDescriptor Descriptor(string id) => id switch
    {
        ModelUnreadable => Descriptors.ModelUnreadable,
        InexactType => Descriptors.InexactType,
        MissingRecord => Descriptors.MissingRecord,
        NameCollision => Descriptors.NameCollision,
        InvalidOption => Descriptors.InvalidOption,
        UnknownSelection => Descriptors.UnknownSelection,
        FlexibleArrayCount => Descriptors.FlexibleArrayCount,
        IoctlSizeExceedsArgument => Descriptors.IoctlSizeExceedsArgument,
        MalformedDirective => Descriptors.MalformedDirective,
        _ => throw new System.ArgumentOutOfRangeException(nameof(id), id, "not a diagnostic id of Mshv.Generator"),
    };

    /// <summary>Roslyn descriptors, built from <see cref="DiagnosticCatalog"/> (titles, message formats, help).</summary>
    private static class Descriptors
    {
        public static readonly DiagnosticDescriptor ModelUnreadable = Make(MshvDiagnostics.ModelUnreadable);
        public static readonly DiagnosticDescriptor InexactType = Make(MshvDiagnostics.InexactType);
        public static readonly DiagnosticDescriptor MissingRecord = Make(MshvDiagnostics.MissingRecord);
        public static readonly DiagnosticDescriptor NameCollision = Make(MshvDiagnostics.NameCollision);
        public static readonly DiagnosticDescriptor InvalidOption = Make(MshvDiagnostics.InvalidOption);
        public static readonly DiagnosticDescriptor UnknownSelection = Make(MshvDiagnostics.UnknownSelection);
        public static readonly DiagnosticDescriptor FlexibleArrayCount = Make(MshvDiagnostics.FlexibleArrayCount);
        public static readonly DiagnosticDescriptor IoctlSizeExceedsArgument = Make(MshvDiagnostics.IoctlSizeExceedsArgument);
        public static readonly DiagnosticDescriptor MalformedDirective = Make(MshvDiagnostics.MalformedDirective);

        private static DiagnosticDescriptor Make(string id)
        {
            DiagnosticText text = DiagnosticCatalog.Get(id);
            return new DiagnosticDescriptor(
                id,
                text.Title,
                text.Message,
                Category,
                text.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                isEnabledByDefault: true,
                description: text.Help);
        }
    }
}
