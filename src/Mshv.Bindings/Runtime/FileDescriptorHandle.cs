using System;
using System.IO;
using Mshv.Ioctls;

namespace Mshv.Runtime;

/// <summary>Owns one file descriptor of a device driver and issues typed ioctls on it, of any fd kind.</summary>
/// <remarks>
/// The argument type of each request is checked at compile time; its fd kind is not (use
/// <see cref="FileDescriptorHandle{TKind}"/> for that). Thread-safe: see <see cref="FileDescriptorSafeHandle"/>.
/// Arguments are passed by reference to the caller's own struct: no marshalling and no managed allocation on the
/// success path.
/// </remarks>
public sealed unsafe partial class FileDescriptorHandle : FileDescriptorSafeHandle
{
    private FileDescriptorHandle(ErrnoMeanings meanings)
        : base(meanings)
    {
    }

    /// <summary>Opens <paramref name="path"/> close-on-exec, read-write unless <paramref name="access"/> says otherwise.</summary>
    /// <exception cref="IoctlException">open failed; the message says what that means for the driver.</exception>
    public static FileDescriptorHandle Open(string path, ErrnoMeanings meanings, FileAccess access = FileAccess.ReadWrite) =>
        OpenInto(new FileDescriptorHandle(meanings), path, access);

    /// <summary>Takes ownership of a descriptor obtained elsewhere; it is closed when the handle is disposed.</summary>
    public static FileDescriptorHandle Adopt(int fd, ErrnoMeanings meanings) => AdoptInto(new FileDescriptorHandle(meanings), fd);

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
}
