using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Mshv.Tests.Conformance.Sweep;

/// <summary>The sweep's results as the markdown table of docs/sweep.md.</summary>
internal static class SweepTable
{
    private static readonly Regex DiagnosticId = new(@"\b(?:warning|error) (MSHV\w+):", RegexOptions.Compiled);

    public static string Markdown(IReadOnlyList<SweepResult> results, string packageVersion)
    {
        var md = new StringBuilder();
        md.Append("| architecture | headers | exact | failed | gcc cannot compile alone | records | members | bitfields | macros | enum constants | ioctls | ioctlfn calls | time |\n");
        md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (SweepResult r in results)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {r.Target.Name} | {r.Outcomes.Count} | {r.Passed} | {r.Failed} | {r.Rejected} | {r.Records:N0} | {r.Members:N0} | {r.Bitfields:N0} | {r.Macros:N0} | {r.Enumerators:N0} | {r.Ioctls:N0} | {r.BuilderCalls:N0} | {r.Elapsed.TotalSeconds:0} s |\n");
        }

        md.Append("\nHeaders: Debian `linux-libc-dev` ").Append(packageVersion).Append(" (`headers/upstream/fetch`). Records count named records ")
            .Append("(unnamed nested ones included, anonymous members not); members are as C names them from each record.\n");

        foreach (SweepResult r in results)
        {
            var diagnostics = r.Outcomes.SelectMany(o => o.Diagnostics.Select(d => (o.Header, Id: DiagnosticId.Match(d) is { Success: true } m ? m.Groups[1].Value : "?")))
                .Where(d => d.Id != "?").GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            md.Append("\n### ").Append(r.Target.Name).Append(": named diagnostics (what the pipeline reports it cannot represent exactly)\n\n");
            if (diagnostics.Count == 0)
            {
                md.Append("None.\n");
            }

            foreach (var id in diagnostics)
            {
                md.Append(CultureInfo.InvariantCulture, $"- `{id.Key}`: {id.Count()} in {id.Select(d => d.Header).Distinct().Count()} headers\n");
            }

            Section(md, r, HeaderVerdict.Failed, r.Target.Name + ": headers that are not exact");
            Section(md, r, HeaderVerdict.CompilerRejects, r.Target.Name + ": headers gcc cannot compile alone (after `<linux/ioctl.h>`), with gcc's reason");
        }

        return md.ToString();
    }

    private static void Section(StringBuilder md, SweepResult r, HeaderVerdict verdict, string title)
    {
        var outcomes = r.Outcomes.Where(o => o.Verdict == verdict).ToList();
        md.Append("\n### ").Append(title).Append(" (").Append(outcomes.Count).Append(")\n\n");
        if (outcomes.Count == 0)
        {
            md.Append("None.\n");
            return;
        }

        md.Append("| header | reason |\n|---|---|\n");
        foreach (HeaderOutcome o in outcomes)
        {
            string reason = o.Reasons.Count == 0 ? string.Empty : o.Reasons[0].Split('\n')[0];
            if (o.Reasons.Count > 1)
            {
                reason += " (and " + (o.Reasons.Count - 1) + " more)";
            }

            md.Append("| `").Append(o.Header).Append("` | ").Append(reason.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }
    }
}
