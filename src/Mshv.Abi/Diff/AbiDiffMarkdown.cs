using System.Linq;
using System.Text;

namespace Mshv.Abi.Diff;

/// <summary>
/// GitHub-flavoured Markdown for a review comment: a bold summary line, then a table per severity
/// (breaking first) with the change code, the subject, what changed and where.
/// </summary>
public static class AbiDiffMarkdown
{
    public static string Render(AbiDiffReport report)
    {
        if (report.IsEmpty)
        {
            return AbiDiffText.NoChanges + "\n";
        }

        var text = new StringBuilder();
        text.Append("**").Append(DiffSummary.Line(report)).Append("**\n");
        foreach (var group in DiffSummary.BySeverity(report))
        {
            text.Append("\n### ").Append(group.Key == ChangeSeverity.Breaking ? "Breaking" : "Compatible")
                .Append(" (").Append(group.Count()).Append(")\n\n")
                .Append("| Change | Subject | Details | Where |\n")
                .Append("| --- | --- | --- | --- |\n");
            foreach (AbiChange change in group)
            {
                string where = DiffSummary.Where(change);
                text.Append("| ").Append(Code(change.Kind))
                    .Append(" | ").Append(Code(change.Subject))
                    .Append(" | ").Append(Cell(change.Message))
                    .Append(" | ").Append(where.Length == 0 ? string.Empty : Code(where))
                    .Append(" |\n");
            }
        }

        var api = report.GeneratedApiChanges.ToList();
        if (api.Count > 0)
        {
            text.Append("\n### Generated C# API (").Append(api.Count).Append(")\n\n");
            foreach ((AbiChange change, string effect) in api)
            {
                text.Append("- ").Append(Code(change.Subject)).Append(": ").Append(Cell(effect)).Append('\n');
            }
        }

        return text.ToString();
    }

    // Text cells escape what Markdown would read as emphasis, links or HTML (`_IOW`, `mshv_create_partition`);
    // a newline would end the table row.
    private static string Cell(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (char c in value.Replace("\r\n", "\n"))
        {
            if (c == '\n')
            {
                text.Append("<br>");
                continue;
            }

            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '|')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }

    // In a code span only a pipe needs care: GFM splits table cells before it reads code spans.
    private static string Code(string value) =>
        value.IndexOf('`') >= 0 || value.IndexOf('\n') >= 0 ? Cell(value) : "`" + value.Replace("|", "\\|") + "`";
}
