using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Scanner;

/// <summary>The model, or null when an error diagnostic means it would not be exact; plus every diagnostic.</summary>
public sealed record ScanResult(AbiModel? Model, IReadOnlyList<ScanDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == ScanSeverity.Error);
}
