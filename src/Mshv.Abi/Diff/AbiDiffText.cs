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
        var api = report.GeneratedApiChanges.ToList();
        if (api.Count > 0)
        {
            text.Append("\nGenerated C# API (").Append(api.Count).Append("):\n");
            foreach ((AbiChange change, string effect) in api)
            {
                text.Append("  ").Append(change.Subject).Append(": ").Append(effect).Append('\n');
            }
        }

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
