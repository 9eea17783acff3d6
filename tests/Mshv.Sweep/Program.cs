using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Mshv.Tests.Conformance.Sweep;
using Mshv.Tests.Infrastructure;

namespace Mshv.Sweep;

/// <summary>
/// <c>dotnet run --project tests/Mshv.Sweep -c Release -- [--arch x86_64|aarch64]... [--header linux/X.h]... [--table FILE] [--first N]</c>:
/// prints every header that is not exact with its reasons, then one line per architecture,
/// <c>sweep x86_64: N passed, N failed</c> (plus how many headers gcc itself rejects); exits 1 when any failed.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var arches = new List<SweepTarget>();
        string? table = null;
        int first = int.MaxValue;
        var only = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--arch" when i + 1 < args.Length:
                    arches.Add(SweepTarget.Named(args[++i]));
                    break;
                case "--table" when i + 1 < args.Length:
                    table = args[++i];
                    break;
                case "--header" when i + 1 < args.Length:
                    only.Add(args[++i]);
                    break;
                case "--first" when i + 1 < args.Length:
                    first = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine("usage: Mshv.Sweep [--arch x86_64|aarch64]... [--header linux/X.h]... [--table FILE] [--first N]");
                    return 2;
            }
        }

        if (arches.Count == 0)
        {
            arches.AddRange(SweepTarget.All);
        }

        var results = new List<SweepResult>();
        foreach (SweepTarget target in arches)
        {
            if (!target.IsAvailable)
            {
                Console.Error.WriteLine($"sweep {target.Name}: {target.Compiler}{(target.Runner is null ? string.Empty : " and " + target.Runner)} are needed (.ci/prerequisites installs them)");
                return 1;
            }

            var clock = Stopwatch.StartNew();
            IReadOnlyList<string> headers = SweepHeaders.For(target).Where(h => only.Count == 0 || only.Contains(h)).Take(first).ToList();
            IReadOnlyList<HeaderOutcome> outcomes = HeaderSweep.Run(target, headers, progress: Console.Error.WriteLine);
            var result = new SweepResult(target, outcomes, clock.Elapsed);
            results.Add(result);
            foreach (HeaderOutcome failed in outcomes.Where(o => o.Verdict == HeaderVerdict.Failed))
            {
                Console.WriteLine($"FAILED {target.Name} {failed.Header}:\n  " + string.Join("\n  ", failed.Reasons.Take(25)));
            }
        }

        if (table is not null)
        {
            File.WriteAllText(table, SweepTable.Markdown(results, UpstreamHeaders.Version));
        }

        foreach (SweepResult result in results)
        {
            Console.WriteLine(result.SummaryLine);
        }

        return results.All(r => r.Failed == 0) ? 0 : 1;
    }
}
