using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Mshv.Benchmarks;
using Mshv.Kvm;
using Mshv.Kvm.Interop;

NativeBaseline.Build();

// The pure-C figure, timed by C with CLOCK_MONOTONIC: the median of 21 blocks, so a burst of load from other
// processes does not decide it.
using (KvmSystem kvm = KvmSystem.Open())
{
    const int blocks = 21, calls = 50_000;
    double[] ns = new double[blocks];
    for (int i = 0; i < blocks; i++)
    {
        ns[i] = NativeBaseline.NanosecondsPerCall(kvm.Handle.FileDescriptor, (nuint)KvmConstants.KVM_CAP_USER_MEMORY, calls);
    }

    Array.Sort(ns);
    Console.WriteLine($"pure C (clock_gettime, median of {blocks} x {calls:N0} calls): {ns[blocks / 2]:F1} ns per KVM_CHECK_EXTENSION (min {ns[0]:F1})");
}

// "--ci": one interleaved run whose last line is the runtime / raw libc P/Invoke median ratio, then stop.
if (args.Length > 0 && args[0] == "--ci")
{
    IoctlBenchmarks benchmarks = new();
    benchmarks.Setup();
    CiComparison.Run(benchmarks);
    benchmarks.Cleanup();
    return;
}

// "--interleaved": only the load-robust cross-check (InterleavedComparison), then stop.
if (args.Length > 0 && args[0] == "--interleaved")
{
    IoctlBenchmarks benchmarks = new();
    benchmarks.Setup();
    InterleavedComparison.Run(benchmarks);
    benchmarks.Cleanup();
    return;
}

// In-process: the C library is loaded and routed in this process, and nothing is rebuilt per run (2-core box).
// Twenty iterations rather than ShortRun's three: a system call is noisy on a shared machine.
IConfig config = DefaultConfig.Instance
    .AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(5)
        .WithIterationCount(20)
        .WithId("InProcess"));
// No arguments: run everything rather than ask interactively which benchmark to run.
BenchmarkSwitcher.FromAssembly(typeof(IoctlBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
