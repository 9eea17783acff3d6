using Mshv.Ioctls;

namespace Mshv.Runtime;

// Requests whose fd kind the headers do not say: callable on a handle of any kind, as on FileDescriptorHandle.
public sealed unsafe partial class FileDescriptorHandle<TKind>
{
    /// <summary>An <c>_IO</c> request of unknown kind.</summary>
    public int Ioctl(IoctlNone request, nuint argument = 0) => Call(request.Request, request.Name, (void*)argument);

    /// <summary>An <c>_IOW</c> request of unknown kind.</summary>
    public int Ioctl<T>(IoctlWrite<T> request, in T argument)
        where T : unmanaged
    {
        fixed (T* pointer = &argument)
        {
            return Call(request.Request, request.Name, pointer);
        }
    }

    /// <summary>An <c>_IOR</c> request of unknown kind.</summary>
    public int Ioctl<T>(IoctlRead<T> request, ref T argument)
        where T : unmanaged
    {
        fixed (T* pointer = &argument)
        {
            return Call(request.Request, request.Name, pointer);
        }
    }

    /// <summary>An <c>_IOWR</c> request of unknown kind.</summary>
    public int Ioctl<T>(IoctlReadWrite<T> request, ref T argument)
        where T : unmanaged
    {
        fixed (T* pointer = &argument)
        {
            return Call(request.Request, request.Name, pointer);
        }
    }

    /// <summary>A flexible-array request of unknown kind.</summary>
    public int Ioctl<THeader, TElement>(IoctlFlexible<THeader, TElement> request, FlexibleArrayBuffer<THeader, TElement> buffer)
        where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged => FlexibleCall(request.Request, request.Name, buffer);

    /// <summary>A filling flexible-array request of unknown kind.</summary>
    public int IoctlGrowing<THeader, TElement>(
        IoctlFlexible<THeader, TElement> request, FlexibleArrayBuffer<THeader, TElement> buffer, int maxCount = DefaultMaxFlexibleCount)
        where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged => FlexibleGrowing(request.Request, request.Name, buffer, maxCount);
}
