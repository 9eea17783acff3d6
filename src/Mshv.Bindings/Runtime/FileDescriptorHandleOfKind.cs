using System.IO;
using Mshv.Ioctls;

namespace Mshv.Runtime;

/// <summary>
/// Owns one file descriptor of the fd kind <typeparamref name="TKind"/> (a generated marker such as
/// <c>KvmFdKinds.Vcpu</c> or <c>MshvFdKinds.Partition</c>) and issues the requests accepted on that kind: a request
/// whose descriptor names only other kinds does not compile (its <c>TOn</c> is not <see cref="IAcceptedOn{TKind}"/>).
/// A request whose kind the headers do not say stays callable, as on <see cref="FileDescriptorHandle"/>.
/// </summary>
/// <remarks>Thread-safe: see <see cref="FileDescriptorSafeHandle"/>. No managed allocation per call.</remarks>
/// <typeparam name="TKind">The fd kind marker class.</typeparam>
public sealed unsafe partial class FileDescriptorHandle<TKind> : FileDescriptorSafeHandle
    where TKind : class
{
    private FileDescriptorHandle(ErrnoMeanings meanings)
        : base(meanings)
    {
    }

    /// <summary>Opens <paramref name="path"/> (a device node such as <c>/dev/kvm</c>) close-on-exec.</summary>
    /// <exception cref="IoctlException">open failed; the message says what that means for the driver.</exception>
    public static FileDescriptorHandle<TKind> Open(string path, ErrnoMeanings meanings, FileAccess access = FileAccess.ReadWrite) =>
        OpenInto(new FileDescriptorHandle<TKind>(meanings), path, access);

    /// <summary>Takes ownership of a descriptor of this kind obtained elsewhere; it is closed when the handle is disposed.</summary>
    public static FileDescriptorHandle<TKind> Adopt(int fd, ErrnoMeanings meanings) => AdoptInto(new FileDescriptorHandle<TKind>(meanings), fd);

    /// <summary>An <c>_IO</c> request accepted on this kind, with an integer argument passed by value.</summary>
    public int Ioctl<TOn>(IoctlNone<TOn> request, nuint argument = 0)
        where TOn : class, IAcceptedOn<TKind> => Call(request.Request, request.Name, (void*)argument);

    /// <summary>An <c>_IOW</c> request accepted on this kind: the driver reads <paramref name="argument"/>.</summary>
    public int Ioctl<T, TOn>(IoctlWrite<T, TOn> request, in T argument)
        where T : unmanaged
        where TOn : class, IAcceptedOn<TKind>
    {
        fixed (T* pointer = &argument)
        {
            return Call(request.Request, request.Name, pointer);
        }
    }

    /// <summary>An <c>_IOR</c> request accepted on this kind: the driver fills <paramref name="argument"/>.</summary>
    public int Ioctl<T, TOn>(IoctlRead<T, TOn> request, ref T argument)
        where T : unmanaged
        where TOn : class, IAcceptedOn<TKind>
    {
        fixed (T* pointer = &argument)
        {
            return Call(request.Request, request.Name, pointer);
        }
    }

    /// <summary>An <c>_IOWR</c> request accepted on this kind: the driver reads and rewrites <paramref name="argument"/>.</summary>
    public int Ioctl<T, TOn>(IoctlReadWrite<T, TOn> request, ref T argument)
        where T : unmanaged
        where TOn : class, IAcceptedOn<TKind>
    {
        fixed (T* pointer = &argument)
        {
            return Call(request.Request, request.Name, pointer);
        }
    }

    /// <summary>A request accepted on this kind whose record ends in a flexible array (see <see cref="FileDescriptorHandle"/>).</summary>
    public int Ioctl<THeader, TElement, TOn>(IoctlFlexible<THeader, TElement, TOn> request, FlexibleArrayBuffer<THeader, TElement> buffer)
        where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged
        where TOn : class, IAcceptedOn<TKind> => FlexibleCall(request.Request, request.Name, buffer);

    /// <summary>A filling request accepted on this kind: grows the buffer on E2BIG and retries (see <see cref="FileDescriptorHandle"/>).</summary>
    public int IoctlGrowing<THeader, TElement, TOn>(
        IoctlFlexible<THeader, TElement, TOn> request, FlexibleArrayBuffer<THeader, TElement> buffer, int maxCount = DefaultMaxFlexibleCount)
        where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged
        where TOn : class, IAcceptedOn<TKind> => FlexibleGrowing(request.Request, request.Name, buffer, maxCount);
}
