using System;
using EntropyCount.Interop;
using Mshv.Runtime;

namespace EntropyCount;

/// <summary>The kernel's random pool, asked through <c>/dev/urandom</c> (<c>linux/random.h</c>).</summary>
public sealed class EntropyPool : IDisposable
{
    /// <summary>Present on every Linux machine, readable and writable by everyone.</summary>
    public const string DefaultPath = "/dev/urandom";

    private readonly FileDescriptorHandle _handle;

    private EntropyPool(FileDescriptorHandle handle) => _handle = handle;

    /// <summary>Opens the device; errors explain themselves with the generic errno meanings.</summary>
    public static EntropyPool Open(string path = DefaultPath) => new(FileDescriptorHandle.Open(path, ErrnoMeanings.Generic));

    /// <summary>
    /// <c>RNDGETENTCNT</c>: the bits of entropy the kernel credits to its input pool (the number
    /// <c>/proc/sys/kernel/random/entropy_avail</c> shows). The generated descriptor is <c>IoctlRead&lt;int&gt;</c>,
    /// so only an <c>int</c> can be passed.
    /// </summary>
    public int EntropyBits()
    {
        int bits = 0;
        _handle.Ioctl(RandomIoctls.RNDGETENTCNT, ref bits);
        return bits;
    }

    public void Dispose() => _handle.Dispose();
}
