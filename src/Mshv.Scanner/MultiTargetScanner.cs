using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Scanner;

/// <summary>
/// One model for several targets: the headers are scanned once per target, and when the models are the same apart from
/// the target (<see cref="AbiTargetComparison"/>) the first one is kept with the others in <see cref="AbiModel.AlsoTargets"/>,
/// so the generated types (and their architecture check) serve every one. When they differ there is no model, and
/// <see cref="ScanDiagnosticIds.TargetsDiffer"/> names what differs, at the first difference's line.
/// </summary>
public static class MultiTargetScanner
{
    /// <summary>How many differing names the diagnostic lists before "and N more".</summary>
    private const int NamesShown = 8;

    /// <param name="options">The scan; its <see cref="ScanOptions.Target"/> is the first target.</param>
    /// <param name="alsoTargets">Further target triples (none: a plain <see cref="HeaderScanner.Scan"/>).</param>
    public static ScanResult Scan(ScanOptions options, IReadOnlyList<string> alsoTargets)
    {
        ScanResult first = HeaderScanner.Scan(options);
        string[] others = alsoTargets.Where(t => t != options.Target).Distinct(StringComparer.Ordinal).ToArray();
        if (others.Length == 0 || first.Model is null)
        {
            return first;
        }

        var diagnostics = new List<ScanDiagnostic>(first.Diagnostics);
        var seen = new HashSet<string>(first.Diagnostics.Select(d => d.ToString()), StringComparer.Ordinal);
        var readFiles = new SortedSet<string>(first.ReadFiles, StringComparer.Ordinal);
        var differing = new List<(string Target, IReadOnlyList<AbiTargetDifference> Differences)>();
        bool failed = false;
        foreach (string target in others)
        {
            ScanResult scan = HeaderScanner.Scan(options with { Target = target });
            // The same warning from each target's scan is one warning; one a target has alone says which target.
            foreach (ScanDiagnostic diagnostic in scan.Diagnostics.Where(d => seen.Add(d.ToString())))
            {
                diagnostics.Add(diagnostic with { Message = diagnostic.Message + " (scanning for " + target + ")" });
            }

            readFiles.UnionWith(scan.ReadFiles);
            if (scan.Model is null)
            {
                failed = true;
                continue;
            }

            IReadOnlyList<AbiTargetDifference> differences = AbiTargetComparison.Compare(first.Model, scan.Model);
            if (differences.Count > 0)
            {
                differing.Add((target, differences));
            }
        }

        foreach ((string target, IReadOnlyList<AbiTargetDifference> differences) in differing)
        {
            diagnostics.Add(Differ(options.Target, target, differences, first.ReadFiles));
        }

        AbiModel? model = failed || differing.Count > 0 ? null : first.Model with { AlsoTargets = others.OrderBy(t => t, StringComparer.Ordinal).ToEquatableArray() };
        return new ScanResult(model, diagnostics) { ReadFiles = readFiles.ToArray(), Notes = first.Notes };
    }

    private static ScanDiagnostic Differ(string first, string second, IReadOnlyList<AbiTargetDifference> differences, IReadOnlyList<string> readFiles)
    {
        AbiTargetDifference located = differences.FirstOrDefault(d => d.Location is not null) ?? differences[0];
        // The first few with what differs; then every other record laid out differently by name (the list a user needs
        // to decide), then only a count of the rest (ioctls and macros that follow from them, entities one target lacks).
        string[] records = differences.Skip(NamesShown).Where(d => AbiTargetComparison.Rank(d) == 0).Select(d => d.Entity).ToArray();
        int rest = differences.Count - Math.Min(NamesShown, differences.Count) - records.Length;
        string names = string.Join("; ", differences.Take(NamesShown).Select(d => d.Entity + " (" + d.Detail + ")"))
            + (records.Length > 0 ? "; also " + string.Join(", ", records) : string.Empty)
            + (rest > 0 ? "; and " + rest + " more" : string.Empty);
        string message = "the headers' layouts differ between " + first + " and " + second + ", so one set of types cannot serve both: "
            + differences.Count + (differences.Count == 1 ? " entity differs: " : " entities differ: ") + names
            + ". Build per RuntimeIdentifier instead (dotnet build/publish -r linux-x64 and -r linux-arm64, each with its own layouts),"
            + " or request only targets whose layouts agree (MshvTargets).";
        string? file = located.Location is null ? null : FullPath(located.Location.File, readFiles);
        return new ScanDiagnostic(ScanDiagnosticIds.TargetsDiffer, ScanSeverity.Error, file, file is null ? 0 : located.Location!.Line, message);
    }

    /// <summary>The file a model location names (include-relative), as the scan read it, so a build log can open it.</summary>
    private static string FullPath(string relative, IReadOnlyList<string> readFiles) =>
        readFiles.FirstOrDefault(f => f.EndsWith(Path.DirectorySeparatorChar + relative, StringComparison.Ordinal)) ?? relative;
}
