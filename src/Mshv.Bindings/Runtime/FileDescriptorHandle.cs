using System;
using System.Runtime.InteropServices;
using Mshv.Ioctls;

namespace Mshv.Runtime;

/// <summary>Owns one file descriptor of a device driver and issues typed ioctls on it.</summary>
/// <remarks>
/// Thread-safe: every call holds a SafeHandle reference for its duration, so disposing while another thread is
/// inside an ioctl defers the close until that call returns; a call after disposal throws
/// <see cref="ObjectDisposedException"/>. Arguments are passed by reference to the caller's own struct: no
/// marshalling and no managed allocation on the success path.
/// </remarks>
public sealed unsafe partial class FileDescriptorHandle : SafeHandle
{
    private FileDescriptorHandle(ErrnoMeanings meanings)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        Meanings = meanings;
    }

    /// <summary>How errors on this descriptor are explained.</summary>
    public ErrnoMeanings Meanings { get; }

    /// <inheritdoc/>
    public override bool IsInvalid => handle < 0;

    /// <summary>Opens <paramref name="path"/> read-write and close-on-exec.</summary>
    /// <exception cref="IoctlException">open failed; the message says what that means for the driver.</exception>
    public static FileDescriptorHandle Open(string path, ErrnoMeanings meanings)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(meanings);
        FileDescriptorHandle owner = new(meanings);
        int fd = LibC.Open(path, LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            owner.Dispose();
            throw meanings.ToException(errno, $"open({path})");
        }

        owner.SetHandle(fd);
        return owner;
    }

    /// <summary>Takes ownership of a descriptor obtained elsewhere; it is closed when the handle is disposed.</summary>
    public static FileDescriptorHandle Adopt(int fd, ErrnoMeanings meanings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        ArgumentNullException.ThrowIfNull(meanings);
        FileDescriptorHandle owner = new(meanings);
        owner.SetHandle(fd);
        return owner;
    }

    /// <summary>The descriptor number, for diagnostics (do not close it yourself).</summary>
    public int FileDescriptor => (int)handle;

    /// <inheritdoc/>
    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;

    /// <summary>An <c>_IO</c> request with an integer argument passed by value. Returns the driver's result.</summary>
    public int Ioctl(IoctlNone request, nuint argument = 0) =>
        // An integer argument travels in the same register as a pointer would.
        Call(request.Request, request.Name, (void*)argument);

    /// <summary>An <c>_IOW</c> request: the driver reads <paramref name="argument"/>.</summary>
    public int Ioctl<T>(IoctlWrite<T> request, in T argument)
        where T : unmanaged
    {
        fixed (T* pointer = &argument)
        {
            return Call(request.Request, request.Name, pointer);
        }
    }

    /// <summary>An <c>_IOR</c> request: the driver fills <paramref name="argument"/>.</summary>
    public int Ioctl<T>(IoctlRead<T> request, ref T argument)
        where T : unmanaged
    {
        fixed (T* pointer = &argument)
        {
            return Call(request.Request, request.Name, pointer);
        }
    }

    /// <summary>An <c>_IOWR</c> request: the driver reads and rewrites <paramref name="argument"/>.</summary>
    public int Ioctl<T>(IoctlReadWrite<T> request, ref T argument)
        where T : unmanaged
    {
        fixed (T* pointer = &argument)
        {
            return Call(request.Request, request.Name, pointer);
        }
    }

    /// <summary>
    /// Escape hatch for a request the headers do not describe, or a pointer that is not a single struct.
    /// The caller guarantees that <paramref name="argument"/> is valid for what the driver does with it.
    /// </summary>
    public int IoctlWithPointer(string name, uint request, void* argument) => Call(request, name, argument);

    private int Call(uint request, string name, void* argument)
    {
        int result = CallRaw(request, argument, out int errno);
        return result < 0 ? throw Meanings.ToException(errno, name) : result;
    }

    /// <summary>The one place a request reaches the kernel: holds a handle reference for the call, and captures
    /// errno (SetLastError semantics) only when the call failed.</summary>
    private int CallRaw(uint request, void* argument, out int errno)
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
}
