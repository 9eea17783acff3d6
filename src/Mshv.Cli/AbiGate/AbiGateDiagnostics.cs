using Mshv.Abi.Diagnostics;

namespace Mshv.Cli.AbiGate;

/// <summary>The ids of the build's ABI gate (the MSBuild targets use the same ones for what they check themselves).</summary>
internal static class AbiGateDiagnostics
{
    /// <summary>A breaking change against the checked-in ABI baseline: one error per change, at the header line.</summary>
    public const string Breaking = "MSHV2001";

    /// <summary>A compatible change against the baseline (a warning that <c>MshvAbiWarnCompatible=false</c> turns off).</summary>
    public const string Compatible = "MSHV2002";

    /// <summary>The baseline did not exist and was written from this scan: check it in.</summary>
    public const string BaselineCreated = "MSHV2003";

    /// <summary>A build that cannot scan has no baseline for its target triple (raised by the targets).</summary>
    public const string BaselineMissing = "MSHV2004";

    /// <summary>The baseline or the fresh model cannot be read.</summary>
    public const string Unreadable = "MSHV2005";

    /// <summary>The advice each breaking change ends with.</summary>
    public static string AcceptHint => DiagnosticCatalog.Hint(Breaking);
}
