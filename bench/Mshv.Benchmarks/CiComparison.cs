using System;
using System.Globalization;
using System.Linq;

namespace Mshv.Benchmarks;

/// <summary>
/// <c>--ci</c>: one interleaved in-process run of <see cref="Rounds"/> rounds. In each round every variant makes
/// <see cref="CallsPerBlock"/> calls, who goes first rotating, so load from other processes hits all alike; each
/// ratio is the median of the per-round ratios. The last line is the runtime / raw libc P/Invoke median ratio.
/// </summary>
internal static class CiComparison
{
    private const int Rounds = 31;
    private const int CallsPerBlock = 20_000;

    public static double Run(IoctlBenchmarks benchmarks)
    {
        Func<int> runtime = benchmarks.RuntimeTypedDescriptor;
        Func<int> rawLibc = benchmarks.RawLibc;
        Func<int> rawWithReference = benchmarks.RawLibcWithHandleReference;
        Func<int> pInvokeC = benchmarks.PInvokeC;
        (string Name, Func<int> Block)[] variants =
        [
            ("Runtime: kvm.Handle.Ioctl(KvmIoctls.KVM_CHECK_EXTENSION, cap)", () => Repeat(runtime)),
            ("Raw libc ioctl P/Invoke, SetLastError", () => Repeat(rawLibc)),
            ("Raw libc + SafeHandle DangerousAddRef/Release", () => Repeat(rawWithReference)),
            ("P/Invoke C function (1 ioctl)", () => Repeat(pInvokeC)),
            ("Pure C loop, per ioctl", () => benchmarks.CLoopOf(CallsPerBlock)),
        ];
        InterleavedRun run = InterleavedRun.Measure(variants, Rounds, CallsPerBlock, warmups: 2, allocationVariant: 0);
        double RatioTo(int v, int baseline) => run.MedianRatio(v, baseline);
        Console.WriteLine(Invariant($"CI interleaved: {Rounds} rounds x {CallsPerBlock:N0} calls per variant, order rotated each round; load average {LoadAverage()}"));
        Console.WriteLine("| Variant | Median ns/call | Median ratio to raw libc P/Invoke | Median ratio to pure C loop |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        for (int v = 0; v < variants.Length; v++)
        {
            double median = run.MedianNs(v);
            Console.WriteLine(Invariant($"| {variants[v].Name} | {median:F1} | {RatioTo(v, 1):F3} | {RatioTo(v, 4):F3} |"));
        }

        double ratio = RatioTo(0, 1);
        Console.WriteLine(Invariant($"Runtime allocated {run.Allocated} bytes over {(long)Rounds * CallsPerBlock:N0} calls"));
        Console.WriteLine(Invariant($"Runtime / pure C loop median ratio: {RatioTo(0, 4):F3}"));
        Console.WriteLine(Invariant($"Runtime / raw libc P/Invoke median ratio: {ratio:F3}"));
        return ratio;
    }

    private static int Repeat(Func<int> call) => InterleavedRun.Repeat(call, CallsPerBlock);

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (System.IO.IOException)
        {
            return "unknown";
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
