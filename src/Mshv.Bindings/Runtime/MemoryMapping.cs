using System;
using System.Runtime.InteropServices;

namespace Mshv.Runtime;

/// <summary>Owns one mmap'ed region: pages a driver shares with user space, or anonymous memory given to a guest.</summary>
/// <remarks>
/// Page-aligned by construction (mmap returns whole pages) and unmapped exactly once, on disposal or by the
/// finalizer. The mapping outlives the descriptor it came from (the kernel holds its own reference), so closing a
/// vCPU descriptor before its run page is unmapped is safe. Reading through <see cref="Address"/> after disposal
/// is the caller's bug, as with any <see cref="SafeHandle.DangerousGetHandle"/>.
/// </remarks>
public sealed unsafe class MemoryMapping : SafeHandle
{
    private MemoryMapping(nuint length)
        : base(invalidHandleValue: IntPtr.Zero, ownsHandle: true)
    {
        Length = length;
    }

    /// <summary>The mapped length in bytes, as requested.</summary>
    public nuint Length { get; }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The first byte of the region.</summary>
    /// <exception cref="ObjectDisposedException">The region has been unmapped.</exception>
    public void* Address
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (void*)handle;
        }
    }

    /// <summary>The region as bytes.</summary>
    /// <exception cref="OverflowException">The region is 2 GiB or more, longer than a span can be; use <see cref="Address"/>.</exception>
    public Span<byte> Span => new(Address, checked((int)Length));

    /// <summary>Zero-filled private anonymous memory (<c>MAP_PRIVATE | MAP_ANONYMOUS</c>), e.g. guest RAM.</summary>
    /// <exception cref="IoctlException">mmap failed (ENOMEM, or EINVAL for a zero length).</exception>
    public static MemoryMapping Anonymous(nuint length, MemoryProtection protection) =>
        Create(length, protection, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, fd: -1, offset: 0, "mmap(anonymous)", ErrnoMeanings.Generic);

    /// <summary>Maps <paramref name="length"/> bytes of a driver descriptor, shared (<c>MAP_SHARED</c>).</summary>
    /// <remarks>Errors are explained by the descriptor's own <see cref="FileDescriptorHandle.Meanings"/>.</remarks>
    /// <exception cref="IoctlException">mmap failed; the message names the descriptor's driver meaning.</exception>
    public static MemoryMapping Shared(FileDescriptorHandle file, nuint length, MemoryProtection protection, long offset = 0)
    {
        ArgumentNullException.ThrowIfNull(file);
        bool added = false;
        try
        {
            file.DangerousAddRef(ref added);
            return Create(length, protection, LibC.MAP_SHARED, file.FileDescriptor, (nint)offset, "mmap", file.Meanings);
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => LibC.Munmap((void*)handle, Length) == 0;

    private static MemoryMapping Create(
        nuint length, MemoryProtection protection, int flags, int fd, nint offset, string operation, ErrnoMeanings meanings)
    {
        // Allocated first so that once the kernel has mapped pages nothing can fail before they are owned.
        MemoryMapping owner = new(length);
        void* address = LibC.Mmap(null, length, (int)protection, flags, fd, offset);
        if (address == LibC.MapFailed)
        {
            int errno = Marshal.GetLastPInvokeError();
            owner.SetHandleAsInvalid();
            owner.Dispose();
            throw meanings.ToException(errno, operation);
        }

        owner.SetHandle((IntPtr)address);
        return owner;
    }
}
