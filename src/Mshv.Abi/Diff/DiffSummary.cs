using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>The parts both renderers word the same way.</summary>
internal static class DiffSummary
{
    public static string Line(AbiDiffReport report)
    {
        int breaking = report.Breaking.Count();
        int compatible = report.Compatible.Count();
        return "ABI changes: " + breaking + " breaking, " + compatible + " compatible.";
    }

    /// <summary>"linux/mshv.h:15", "linux/mshv.h:15 -> linux/mshv.h:16", or "was linux/mshv.h:15" for a removal.</summary>
    public static string Where(AbiChange change) => (change.OldLocation, change.NewLocation) switch
    {
        (null, null) => string.Empty,
        (null, { } now) => now.ToString(),
        ({ } was, null) => "was " + was,
        ({ } was, { } now) when was == now => now.ToString(),
        ({ } was, { } now) => was + " -> " + now,
    };

    public static IEnumerable<IGrouping<ChangeSeverity, AbiChange>> BySeverity(AbiDiffReport report) =>
        report.Changes.GroupBy(c => c.Severity).OrderBy(g => g.Key);
}
