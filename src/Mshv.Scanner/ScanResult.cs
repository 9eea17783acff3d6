using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Scanner;

/// <summary>The model, or null when an error diagnostic means it would not be exact; plus every diagnostic.</summary>
public sealed record ScanResult(AbiModel? Model, IReadOnlyList<ScanDiagnostic> Diagnostics)
{
    /// <summary>
    /// The full path of every file clang read (the scanned headers and everything they include), sorted: what a
    /// build must watch to know when to scan again, as <c>cc -MD</c> writes it. Empty when nothing was parsed.
    /// </summary>
    public IReadOnlyList<string> ReadFiles { get; init; } = System.Array.Empty<string>();

    /// <summary>Function-like macros of the scanned headers that are not bound, each with the reason (<c>mshv scan -v</c>).</summary>
    public IReadOnlyList<ScanNote> Notes { get; init; } = System.Array.Empty<ScanNote>();

    public bool HasErrors => Diagnostics.Any(d => d.Severity == ScanSeverity.Error);

    /// <summary>A model was written, but a member or record the model cannot represent was kept as bytes or left out (MSHVS007).</summary>
    public bool IsPartial => Model is not null && Diagnostics.Any(d => d.Id == ScanDiagnosticIds.UnrepresentableType);
}
