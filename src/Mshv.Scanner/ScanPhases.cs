using System;
using System.Diagnostics;

namespace Mshv.Scanner;

/// <summary>
/// Where a scan's time and memory go, phase by phase, on standard error when <c>MSHV_SCAN_PHASES</c> is set: wall
/// milliseconds, managed megabytes allocated, the managed heap's megabytes, and the garbage collections so far (all,
/// then full ones). The speed work (docs/benchmarks.md) reads it next to a profiler; a scan without the variable pays
/// one static check per phase.
/// </summary>
internal static class ScanPhases
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("MSHV_SCAN_PHASES") is not null;
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static TimeSpan _last;
    private static long _allocated;

    /// <summary>Starts the count at the beginning of a scan.</summary>
    public static void Start()
    {
        if (Enabled)
        {
            _last = Clock.Elapsed;
            _allocated = GC.GetTotalAllocatedBytes();
        }
    }

    /// <summary>Reports what happened since the last mark, as <paramref name="phase"/>.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        TimeSpan now = Clock.Elapsed;
        long allocated = GC.GetTotalAllocatedBytes();
        Console.Error.WriteLine(FormattableString.Invariant(
            $"mshv phase {(now - _last).TotalMilliseconds,7:F1} ms {(allocated - _allocated) / 1e6,6:F1} MB")
            + FormattableString.Invariant(
                $" heap {GC.GetTotalMemory(false) / 1e6,6:F1} MB gc {GC.CollectionCount(0)}/{GC.CollectionCount(2)}  {phase}"));
        _last = now;
        _allocated = allocated;
    }
}
