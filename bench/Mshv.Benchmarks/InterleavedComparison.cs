using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace Mshv.Benchmarks;

/// <summary>
/// A load-robust cross-check of the BenchmarkDotNet table: the variants take turns in short blocks, round after
/// round, so a burst of load from other processes hits all of them alike. Reports the median ns per call of
/// each and the median of the per-round ratios to the P/Invoked C function.
/// </summary>
internal static class InterleavedComparison
{
    private const int Rounds = 200;
    private const int CallsPerBlock = 5_000;

    public static void Run(IoctlBenchmarks benchmarks)
    {
        // Delegates made once: a method-group conversion per block would allocate and be counted below.
        Func<int> pInvokeC = benchmarks.PInvokeC;
        Func<int> runtime = benchmarks.RuntimeTypedDescriptor;
        Func<int> rawLibc = benchmarks.RawLibc;
        (string Name, Func<int> Block)[] variants =
        [
            ("P/Invoke C function (1 ioctl)", () => Repeat(pInvokeC)),
            ("Runtime: Handle.Ioctl(KvmIoctls.KVM_CHECK_EXTENSION)", () => Repeat(runtime)),
            ("Raw libc ioctl P/Invoke, SetLastError", () => Repeat(rawLibc)),
            ("C loop, per ioctl (floor)", () => benchmarks.CLoopOf(CallsPerBlock)),
        ];
        double[,] nsPerCall = new double[variants.Length, Rounds];
        long runtimeAllocated = 0;
        foreach ((string _, Func<int> block) in variants)
        {
            block(); // warm-up, JIT to the final tier
        }

        for (int round = 0; round < Rounds; round++)
        {
            for (int k = 0; k < variants.Length; k++)
            {
                int v = (round + k) % variants.Length; // rotate who goes first
                long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                variants[v].Block();
                long elapsed = Stopwatch.GetTimestamp() - start;
                if (v == 1)
                {
                    runtimeAllocated += GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                }

                nsPerCall[v, round] = elapsed * 1e9 / Stopwatch.Frequency / CallsPerBlock;
            }
        }

        Console.WriteLine($"Interleaved: {Rounds} rounds x {CallsPerBlock:N0} calls per variant, variants rotated each round");
        Console.WriteLine("| Method | Median ns/call | Median ratio to P/Invoke C (per round) |");
        Console.WriteLine("| --- | ---: | ---: |");
        for (int v = 0; v < variants.Length; v++)
        {
            double median = Median(Enumerable.Range(0, Rounds).Select(r => nsPerCall[v, r]));
            double ratio = Median(Enumerable.Range(0, Rounds).Select(r => nsPerCall[v, r] / nsPerCall[0, r]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {variants[v].Name} | {median:F1} | {ratio:F3} |"));
        }

        Console.WriteLine($"Runtime path allocated {runtimeAllocated} bytes over {(long)Rounds * CallsPerBlock:N0} calls");
    }

    private static int Repeat(Func<int> call)
    {
        int result = 0;
        for (int i = 0; i < CallsPerBlock; i++)
        {
            result = call();
        }

        return result;
    }

    private static double Median(System.Collections.Generic.IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(x => x).ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }
}
