using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Mshv.Generator.Models;
using Xunit.Sdk;

namespace Mshv.Tests.Generator.Support;

/// <summary>
/// Compares emitted files with checked-in <c>*.verified.cs</c> baselines. On a mismatch it writes
/// <c>*.received.cs</c> beside them and fails with a unified diff. With <c>MSHV_ACCEPT_BASELINES=1</c>
/// it overwrites the baselines (and deletes stale ones) instead: see tests/README.md.
/// </summary>
internal static class BaselineAssert
{
    public const string AcceptVariable = "MSHV_ACCEPT_BASELINES";

    public static void Matches(IReadOnlyList<EmittedFile> files, string directory, string prefix)
    {
        bool accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";
        Directory.CreateDirectory(directory);
        var failures = new StringBuilder();
        var expectedNames = new HashSet<string>(StringComparer.Ordinal);
        var accepted = new StringBuilder();
        foreach (EmittedFile file in files)
        {
            string stem = prefix + Path.GetFileNameWithoutExtension(file.HintName);
            string verified = Path.Combine(directory, stem + ".verified.cs");
            string received = Path.Combine(directory, stem + ".received.cs");
            expectedNames.Add(Path.GetFileName(verified));
            string? baseline = File.Exists(verified) ? File.ReadAllText(verified) : null;
            if (baseline == file.Source)
            {
                File.Delete(received);
                continue;
            }

            if (accept)
            {
                File.WriteAllText(verified, file.Source);
                File.Delete(received);
                accepted.Append("accepted ").Append(verified).Append('\n');
                continue;
            }

            File.WriteAllText(received, file.Source);
            failures.Append(baseline is null ? "new file " + verified + " (no baseline yet)\n" : UnifiedDiff(verified, baseline, file.Source));
        }

        foreach (string stale in Directory.GetFiles(directory, prefix + "*.verified.cs").Where(f => !expectedNames.Contains(Path.GetFileName(f))))
        {
            if (accept)
            {
                File.Delete(stale);
                accepted.Append("deleted stale ").Append(stale).Append('\n');
            }
            else
            {
                failures.Append("stale baseline " + stale + ": no emitted file matches it\n");
            }
        }

        if (failures.Length > 0)
        {
            throw new XunitException("Emitted source differs from the baselines (accept with " + AcceptVariable + "=1 dotnet test Mshv.sln):\n" + failures);
        }

        // Accepting is a change to review, never a pass: a run with the variable set (left in an environment, say) fails
        // once, naming what it wrote, and the next run without it compares against the new baselines.
        if (accepted.Length > 0)
        {
            throw new XunitException("Baselines accepted (" + AcceptVariable + "=1); review the diff and rerun without it:\n" + accepted);
        }
    }

    private static string UnifiedDiff(string path, string expected, string actual)
    {
        DiffPaneModel diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var text = new StringBuilder("--- ").Append(path).Append("\n+++ received\n");
        int lastShown = -2;
        for (int i = 0; i < diff.Lines.Count; i++)
        {
            // Show changed lines with two lines of context, like `diff -u`.
            bool near = Enumerable.Range(Math.Max(0, i - 2), Math.Min(diff.Lines.Count, i + 3) - Math.Max(0, i - 2))
                .Any(j => diff.Lines[j].Type != ChangeType.Unchanged);
            if (!near)
            {
                continue;
            }

            if (i != lastShown + 1)
            {
                text.Append("@@ line ").Append(i + 1).Append(" @@\n");
            }

            lastShown = i;
            DiffPiece line = diff.Lines[i];
            char mark = line.Type switch { ChangeType.Inserted => '+', ChangeType.Deleted => '-', _ => ' ' };
            text.Append(mark).Append(line.Text).Append('\n');
        }

        return text.ToString();
    }
}
