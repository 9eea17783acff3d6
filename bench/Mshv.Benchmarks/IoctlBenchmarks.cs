using System;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Mshv.Kvm;
using Mshv.Kvm.Interop;

namespace Mshv.Benchmarks;

/// <summary>KVM_CHECK_EXTENSION(KVM_CAP_USER_MEMORY) on /dev/kvm: one cheap, side-effect-free system call.</summary>
/// <remarks>
/// The baseline is a P/Invoke of a C function making exactly one ioctl, so the ratio is what the runtime adds
/// (SafeHandle reference, typed descriptor, errno capture) over hand-written C reached from .NET.
/// </remarks>
[MemoryDiagnoser]
public unsafe partial class IoctlBenchmarks
{
    private const int LoopCount = 1000;

    private KvmSystem kvm = null!;
    private int fd;
    private nuint capability;

    [GlobalSetup]
    public void Setup()
    {
        kvm = KvmSystem.Open();
        fd = kvm.Handle.FileDescriptor;
        capability = (nuint)KvmConstants.KVM_CAP_USER_MEMORY;
        if (NativeBaseline.Request() != KvmIoctls.KVM_CHECK_EXTENSION.Request)
        {
            throw new InvalidOperationException("C and the generated descriptor disagree on KVM_CHECK_EXTENSION");
        }

        if (NativeBaseline.CheckExtension(fd, capability) != RuntimeTypedDescriptor())
        {
            throw new InvalidOperationException("C and the runtime get different answers");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => kvm.Dispose();

    [Benchmark(Baseline = true, Description = "P/Invoke C function (1 ioctl)")]
    public int PInvokeC() => NativeBaseline.CheckExtension(fd, capability);

    [Benchmark(Description = "Runtime: Handle.Ioctl(KvmIoctls.KVM_CHECK_EXTENSION)")]
    public int RuntimeTypedDescriptor() => kvm.Handle.Ioctl(KvmIoctls.KVM_CHECK_EXTENSION, capability);

    [Benchmark(Description = "Raw libc ioctl P/Invoke, SetLastError")]
    public int RawLibc() => LibcIoctl(fd, KvmIoctls.KVM_CHECK_EXTENSION.Request, (void*)capability);

    /// <summary>The raw P/Invoke with the SafeHandle reference the runtime holds around it: isolates that cost.</summary>
    public int RawLibcWithHandleReference()
    {
        bool added = false;
        try
        {
            kvm.Handle.DangerousAddRef(ref added);
            return LibcIoctl(fd, KvmIoctls.KVM_CHECK_EXTENSION.Request, (void*)capability);
        }
        finally
        {
            if (added)
            {
                kvm.Handle.DangerousRelease();
            }
        }
    }

    [Benchmark(OperationsPerInvoke = LoopCount, Description = "C loop, per ioctl (floor)")]
    public int CLoop() => NativeBaseline.CheckExtensionLoop(fd, capability, LoopCount);

    /// <summary><paramref name="count"/> ioctls in one C call (for the interleaved cross-check).</summary>
    public int CLoopOf(int count) => NativeBaseline.CheckExtensionLoop(fd, capability, count);

    // The runtime's own import, minus the SafeHandle: separates P/Invoke + errno cost from the handle's.
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int LibcIoctl(int fd, nuint request, void* argument);
}
