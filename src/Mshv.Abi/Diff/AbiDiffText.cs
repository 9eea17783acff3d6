using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Mshv.Abi.Diff;

/// <summary>Plain text for a terminal: a summary line, then breaking changes, then compatible ones, in the report's order.</summary>
public static class AbiDiffText
{
    public const string NoChanges = "No ABI changes.";

    public static string Render(AbiDiffReport report)
    {
        if (report.IsEmpty)
        {
            return NoChanges + "\n";
        }

        var text = new StringBuilder();
        text.Append(DiffSummary.Line(report)).Append('\n');
        AppendGroup(text, "Breaking", report.Breaking.ToList());
        AppendGroup(text, "Compatible", report.Compatible.ToList());
        return text.ToString();
    }

    private static void AppendGroup(StringBuilder text, string title, List<AbiChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        text.Append('\n').Append(title).Append(" (").Append(changes.Count).Append("):\n");
        foreach (AbiChange change in changes)
        {
            text.Append("  ").Append(change.Subject).Append(" [").Append(change.Kind).Append(']');
            string where = DiffSummary.Where(change);
            if (where.Length > 0)
            {
                text.Append("  ").Append(where);
            }

            text.Append("\n      ").Append(change.Message).Append('\n');
        }
    }
}

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
