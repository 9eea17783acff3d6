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

    /// <summary>
    /// The changes that also change the C# the generator emits (a type, member or constant removed or retyped), with
    /// what happens to it: a consumer's code can stop compiling on these even where the ABI change is compatible.
    /// </summary>
    public IEnumerable<(AbiChange Change, string Effect)> GeneratedApiChanges =>
        Changes.Select(c => (Change: c, Effect: ChangeKindTable.Of(c.Kind).GeneratedApiEffect))
            .Where(p => p.Effect is not null)
            .Select(p => (p.Change, p.Effect!));
}
