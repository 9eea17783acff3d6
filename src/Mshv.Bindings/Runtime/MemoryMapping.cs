using System;
using System.Runtime.InteropServices;

namespace Mshv.Runtime;

/// <summary>Owns one mmap'ed region: pages a driver shares with user space, or anonymous memory given to a guest.</summary>
/// <remarks>
/// Page-aligned by construction (mmap returns whole pages) and unmapped exactly once, on disposal or by the
/// finalizer. The mapping outlives the descriptor it came from (the kernel holds its own reference), so closing a
/// vCPU descriptor before its run page is unmapped is safe.
/// <para>
/// Every access is reference-counted like a SafeHandle call: <see cref="Read{T}"/>, <see cref="Write{T}"/>,
/// <see cref="CopyTo"/>, <see cref="CopyFrom"/> and <see cref="Access{TResult}"/> hold the mapping for their duration,
/// so a <see cref="SafeHandle.Dispose()"/> on another thread unmaps only after they return, and an access after disposal
/// throws <see cref="ObjectDisposedException"/>: never a fault. So does an access the pages' <see cref="Protection"/> does
/// not allow (<see cref="InvalidOperationException"/>: a write to read-only pages would end the process). No span over the mapping outlives an access (the one
/// <see cref="Access{TResult}"/> lends cannot be stored: it is a ref struct, and the result cannot be one).
/// <see cref="Address"/> is the unsafe escape hatch (for the kernel: guest memory registration), as with
/// <see cref="SafeHandle.DangerousGetHandle"/>.
/// </para>
/// </remarks>
public sealed unsafe partial class MemoryMapping : SafeHandle
{
    private MemoryMapping(nuint length, MemoryProtection protection)
        : base(invalidHandleValue: IntPtr.Zero, ownsHandle: true)
    {
        Length = length;
        Protection = protection;
    }

    /// <summary>The mapped length in bytes, as requested.</summary>
    public nuint Length { get; }

    /// <summary>The pages' protection, as mapped: an access it does not allow throws instead of faulting.</summary>
    public MemoryProtection Protection { get; }

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

    /// <summary>Zero-filled private anonymous memory (<c>MAP_PRIVATE | MAP_ANONYMOUS</c>), e.g. guest RAM.</summary>
    /// <exception cref="IoctlException">mmap failed (ENOMEM, or EINVAL for a zero length).</exception>
    public static MemoryMapping Anonymous(nuint length, MemoryProtection protection) =>
        Create(length, protection, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, fd: -1, offset: 0, $"mmap(anonymous, {length} bytes, {protection})");

    /// <summary>Maps <paramref name="length"/> bytes of a driver descriptor, shared (<c>MAP_SHARED</c>).</summary>
    /// <remarks>
    /// The driver decides how many of those bytes it backs: map no more than it documents (KVM: the
    /// <c>KVM_GET_VCPU_MMAP_SIZE</c> bytes of a vCPU), since an access past them is a SIGBUS, which no check here can see.
    /// A failure is explained as an mmap failure (<see cref="MmapErrors"/>), naming the descriptor, length, offset
    /// and protection: the descriptor's ioctl meanings do not apply to mmap.
    /// </remarks>
    /// <exception cref="IoctlException">mmap failed.</exception>
    public static MemoryMapping Shared(FileDescriptorSafeHandle file, nuint length, MemoryProtection protection, long offset = 0)
    {
        ArgumentNullException.ThrowIfNull(file);
        bool added = false;
        try
        {
            file.DangerousAddRef(ref added);
            int fd = file.FileDescriptor;
            return Create(length, protection, LibC.MAP_SHARED, fd, (nint)offset, $"mmap(fd {fd}, {length} bytes at offset {offset}, {protection}, shared)");
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
        nuint length, MemoryProtection protection, int flags, int fd, nint offset, string operation)
    {
        // Allocated first so that once the kernel has mapped pages nothing can fail before they are owned.
        MemoryMapping owner = new(length, protection);
        void* address = LibC.Mmap(null, length, (int)protection, flags, fd, offset);
        if (address == LibC.MapFailed)
        {
            int errno = Marshal.GetLastPInvokeError();
            owner.SetHandleAsInvalid();
            owner.Dispose();
            throw MmapErrors.Instance.ToException(errno, operation);
        }

        owner.SetHandle((IntPtr)address);
        return owner;
    }
}
