using System;
using System.Globalization;

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
        InterleavedRun run = InterleavedRun.Measure(variants, Rounds, CallsPerBlock, warmups: 1, allocationVariant: 1);
        Console.WriteLine($"Interleaved: {Rounds} rounds x {CallsPerBlock:N0} calls per variant, variants rotated each round");
        Console.WriteLine("| Method | Median ns/call | Median ratio to P/Invoke C (per round) |");
        Console.WriteLine("| --- | ---: | ---: |");
        for (int v = 0; v < variants.Length; v++)
        {
            double median = run.MedianNs(v);
            double ratio = run.MedianRatio(v, 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {variants[v].Name} | {median:F1} | {ratio:F3} |"));
        }

        Console.WriteLine($"Runtime path allocated {run.Allocated} bytes over {(long)Rounds * CallsPerBlock:N0} calls");
    }

    private static int Repeat(Func<int> call) => InterleavedRun.Repeat(call, CallsPerBlock);
}
