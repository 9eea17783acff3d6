using System;
using System.Runtime.InteropServices;

namespace Mshv.Tests.Infrastructure;

/// <summary>
/// Runs code with the calling thread pinned to one CPU, then restores its affinity. For answers that depend on the
/// CPU a call runs on (KVM_GET_SUPPORTED_CPUID passes the host's initial APIC ID through in leaf 1).
/// </summary>
internal static unsafe partial class CpuAffinity
{
    public static T OnCpu<T>(int cpu, Func<T> action)
    {
        ulong* saved = stackalloc ulong[16];
        if (SchedGetAffinity(0, 16 * sizeof(ulong), saved) != 0)
        {
            throw new InvalidOperationException("sched_getaffinity failed: errno " + Marshal.GetLastPInvokeError());
        }

        ulong* pinned = stackalloc ulong[16];
        new Span<ulong>(pinned, 16).Clear();
        pinned[cpu / 64] = 1UL << (cpu % 64);
        if (SchedSetAffinity(0, 16 * sizeof(ulong), pinned) != 0)
        {
            throw new InvalidOperationException("sched_setaffinity failed: errno " + Marshal.GetLastPInvokeError());
        }

        try
        {
            return action();
        }
        finally
        {
            SchedSetAffinity(0, 16 * sizeof(ulong), saved);
        }
    }

    // pid 0: the calling thread (Linux affinity is per thread).
    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int SchedGetAffinity(int pid, nuint size, ulong* mask);

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint size, ulong* mask);
}
