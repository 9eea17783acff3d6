using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>The changes between two ABI snapshots, breaking ones first, each group in a stable order.</summary>
public sealed record AbiDiffReport(IReadOnlyList<AbiChange> Changes)
{
    public bool HasBreaking => Changes.Any(c => c.Severity == ChangeSeverity.Breaking);

    public bool IsEmpty => Changes.Count == 0;

    public IEnumerable<AbiChange> Breaking => Changes.Where(c => c.Severity == ChangeSeverity.Breaking);

    public IEnumerable<AbiChange> Compatible => Changes.Where(c => c.Severity == ChangeSeverity.Compatible);
}
