namespace Mshv.Abi.Diagnostics;

/// <summary>Which part of Mshv reports a diagnostic (and so which id series it belongs to).</summary>
public enum DiagnosticOrigin
{
    /// <summary>The Roslyn generator and the emitter (<c>MSHV0nnn</c>), at the model or header line.</summary>
    Generator,

    /// <summary>The libclang scanner (<c>MSHVSnnn</c>), at the header line.</summary>
    Scanner,

    /// <summary>The build integration: the MSBuild targets and the scan they run (<c>MSHV1nnn</c>).</summary>
    Build,

    /// <summary>The build's ABI gate against a checked-in baseline (<c>MSHV2nnn</c>).</summary>
    AbiGate,
}

/// <summary>
/// One diagnostic's fixed texts. <paramref name="Message"/> is the composite format the report is built from
/// (<c>{0}</c> is the call site's specific text); <paramref name="Hint"/>, when set, is the advice every report of
/// the id ends with; <paramref name="Help"/> is what the id means and what to do, as the docs table shows it.
/// <paramref name="IsError"/> is the default severity (some scanner warnings become errors under <c>--strict</c>).
/// </summary>
public sealed record DiagnosticText(
    string Id,
    DiagnosticOrigin Origin,
    bool IsError,
    string Title,
    string Help,
    string Message = "{0}",
    string? Hint = null);
