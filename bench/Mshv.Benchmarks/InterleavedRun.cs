using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Mshv.Benchmarks;

/// <summary>
/// The measurement both interleaved comparisons share: every round, each variant runs one block of calls, who goes
/// first rotating, so a burst of load from other processes hits all of them alike. Ratios are medians of per-round
/// ratios, never ratios of medians.
/// </summary>
internal sealed class InterleavedRun
{
    private readonly double[,] _nsPerCall;

    private InterleavedRun(double[,] nsPerCall, long allocated)
    {
        _nsPerCall = nsPerCall;
        Allocated = allocated;
    }

    /// <summary>Bytes the variant named by <c>allocationVariant</c> allocated on this thread over every round.</summary>
    public long Allocated { get; }

    private int Rounds => _nsPerCall.GetLength(1);

    /// <param name="variants">Each block makes <paramref name="callsPerBlock"/> calls.</param>
    /// <param name="warmups">Blocks run per variant before measuring, so every variant reaches its final JIT tier.</param>
    /// <param name="allocationVariant">The variant whose allocations are counted (the runtime path: it must allocate nothing).</param>
    public static InterleavedRun Measure((string Name, Func<int> Block)[] variants, int rounds, int callsPerBlock, int warmups, int allocationVariant)
    {
        foreach ((string _, Func<int> block) in variants)
        {
            for (int w = 0; w < warmups; w++)
            {
                block();
            }
        }

        double[,] nsPerCall = new double[variants.Length, rounds];
        long allocated = 0;
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < variants.Length; k++)
            {
                int v = (round + k) % variants.Length;
                long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                variants[v].Block();
                long elapsed = Stopwatch.GetTimestamp() - start;
                if (v == allocationVariant)
                {
                    allocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                }

                nsPerCall[v, round] = elapsed * 1e9 / Stopwatch.Frequency / callsPerBlock;
            }
        }

        return new InterleavedRun(nsPerCall, allocated);
    }

    /// <summary>A block: <paramref name="call"/> made <paramref name="calls"/> times.</summary>
    public static int Repeat(Func<int> call, int calls)
    {
        int result = 0;
        for (int i = 0; i < calls; i++)
        {
            result = call();
        }

        return result;
    }

    public double MedianNs(int variant) => Median(Enumerable.Range(0, Rounds).Select(r => _nsPerCall[variant, r]));

    public double MedianRatio(int variant, int baseline) =>
        Median(Enumerable.Range(0, Rounds).Select(r => _nsPerCall[variant, r] / _nsPerCall[baseline, r]));

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(x => x).ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }
}
