using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Mshv.Runtime;

/// <summary>
/// Owns one file descriptor of a device driver: what <see cref="FileDescriptorHandle"/> (any request) and
/// <see cref="FileDescriptorHandle{TKind}"/> (requests of one fd kind) share. Requests reach the kernel only through
/// <see cref="CallRaw"/>, which holds a SafeHandle reference for the call: disposing while another thread is inside
/// an ioctl defers the close until that call returns; a call after disposal throws
/// <see cref="ObjectDisposedException"/> once the descriptor is closed. (While a call that began before the disposal is
/// still inside the kernel, a new call may still start: the descriptor is open until the last call returns, so it reaches
/// the same driver object, never a reused descriptor number.)
/// </summary>
public abstract unsafe partial class FileDescriptorSafeHandle : SafeHandle
{
    private protected FileDescriptorSafeHandle(ErrnoMeanings meanings)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        ArgumentNullException.ThrowIfNull(meanings);
        Meanings = meanings;
    }

    /// <summary>How errors on this descriptor are explained.</summary>
    public ErrnoMeanings Meanings { get; }

    /// <inheritdoc/>
    public override bool IsInvalid => handle < 0;

    /// <summary>The descriptor number, for diagnostics (do not close it yourself); -1 once the handle is closed, so a
    /// disposed handle never shows a number the process may already have reused for another file.</summary>
    public int FileDescriptor => IsClosed ? -1 : (int)handle;

    /// <summary>
    /// Escape hatch for a request the headers do not describe, or a pointer that is not a single struct.
    /// The caller guarantees that <paramref name="argument"/> is valid for what the driver does with it.
    /// </summary>
    public int IoctlWithPointer(string name, uint request, void* argument) => Call(request, name, argument);

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;

    /// <summary>A request that throws the driver's meaning of a failure.</summary>
    private protected int Call(uint request, string name, void* argument)
    {
        int result = CallRaw(request, argument, out int errno);
        return result < 0 ? throw Meanings.ToException(errno, name) : result;
    }

    /// <summary>The one place a request reaches the kernel: the handle is held for the call (a slot store, see
    /// FileDescriptorSafeHandle.CallSlots.cs, or a SafeHandle reference), and errno is captured (SetLastError
    /// semantics) only when the call failed.</summary>
    private protected int CallRaw(uint request, void* argument, out int errno)
    {
        if (!TryEnterCall(out CallSlot slot))
        {
            return CallWithReference(request, argument, out errno);
        }

        try
        {
            int result = LibC.Ioctl((int)handle, request, argument);
            errno = result < 0 ? Marshal.GetLastPInvokeError() : 0;
            return result;
        }
        finally
        {
            ExitCall(slot);
        }
    }

    /// <summary>The SafeHandle path: while the handle is closing (throws ObjectDisposedException once closed).</summary>
    private int CallWithReference(uint request, void* argument, out int errno)
    {
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
            int result = LibC.Ioctl((int)handle, request, argument);
            errno = result < 0 ? Marshal.GetLastPInvokeError() : 0;
            return result;
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }

    /// <summary>Opens <paramref name="path"/> close-on-exec into <paramref name="owner"/>, allocated before the call.</summary>
    private protected static THandle OpenInto<THandle>(THandle owner, string path, FileAccess access)
        where THandle : FileDescriptorSafeHandle
    {
        ArgumentNullException.ThrowIfNull(path);
        int flags = access switch
        {
            FileAccess.Read => LibC.O_RDONLY,
            FileAccess.Write => LibC.O_WRONLY,
            FileAccess.ReadWrite => LibC.O_RDWR,
            _ => throw new ArgumentOutOfRangeException(nameof(access), access, "Read, Write or ReadWrite"),
        };
        int fd = LibC.Open(path, flags | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            owner.Dispose();
            throw owner.Meanings.ToException(errno, access == FileAccess.ReadWrite ? $"open({path})" : $"open({path}, {access})");
        }

        owner.SetHandle(fd);
        return owner;
    }

    /// <summary>Takes ownership of <paramref name="fd"/>.</summary>
    private protected static THandle AdoptInto<THandle>(THandle owner, int fd)
        where THandle : FileDescriptorSafeHandle
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        owner.SetHandle(fd);
        return owner;
    }

    /// <summary>A request whose result is a new descriptor, owned by <paramref name="created"/> (allocated before the call,
    /// so once the driver returns a descriptor nothing can fail before it is owned).</summary>
    internal THandle NewDescriptor<THandle>(THandle created, uint request, string name, void* argument)
        where THandle : FileDescriptorSafeHandle
    {
        int fd = CallRaw(request, argument, out int errno);
        if (fd < 0)
        {
            created.Dispose();
            throw Meanings.ToException(errno, name);
        }

        created.SetHandle(fd);
        return created;
    }
}
