using Mshv.Ioctls;

namespace Mshv.Runtime;

// Requests whose fd kind the headers say: this handle does not know its own kind, so it takes them all (as before
// kinds existed). FileDescriptorHandle<TKind> is the handle that refuses another kind's request at compile time.
public sealed unsafe partial class FileDescriptorHandle
{
    /// <summary>An <c>_IO</c> request of a known kind, with an integer argument passed by value.</summary>
    public int Ioctl<TOn>(IoctlNone<TOn> request, nuint argument = 0)
        where TOn : class => Call(request.Request, request.Name, (void*)argument);

    /// <summary>An <c>_IOW</c> request of a known kind: the driver reads <paramref name="argument"/>.</summary>
    public int Ioctl<T, TOn>(IoctlWrite<T, TOn> request, in T argument)
        where T : unmanaged
        where TOn : class
    {
        fixed (T* pointer = &argument)
        {
            return Call(request.Request, request.Name, pointer);
        }
    }

    /// <summary>An <c>_IOR</c> request of a known kind: the driver fills <paramref name="argument"/>.</summary>
    public int Ioctl<T, TOn>(IoctlRead<T, TOn> request, ref T argument)
        where T : unmanaged
        where TOn : class
    {
        fixed (T* pointer = &argument)
        {
            return Call(request.Request, request.Name, pointer);
        }
    }

    /// <summary>An <c>_IOWR</c> request of a known kind: the driver reads and rewrites <paramref name="argument"/>.</summary>
    public int Ioctl<T, TOn>(IoctlReadWrite<T, TOn> request, ref T argument)
        where T : unmanaged
        where TOn : class
    {
        fixed (T* pointer = &argument)
        {
            return Call(request.Request, request.Name, pointer);
        }
    }

    /// <summary>An <c>_IO</c> request of a known kind that returns a new descriptor, owned by the returned handle.</summary>
    public FileDescriptorHandle IoctlNewDescriptor<TOn>(IoctlNone<TOn> request, nuint argument, ErrnoMeanings meanings)
        where TOn : class => NewDescriptor(new FileDescriptorHandle(meanings), request.Request, request.Name, (void*)argument);

    /// <summary>An <c>_IOW</c> request of a known kind that returns a new descriptor, owned by the returned handle.</summary>
    public FileDescriptorHandle IoctlNewDescriptor<T, TOn>(IoctlWrite<T, TOn> request, in T argument, ErrnoMeanings meanings)
        where T : unmanaged
        where TOn : class
    {
        fixed (T* pointer = &argument)
        {
            return NewDescriptor(new FileDescriptorHandle(meanings), request.Request, request.Name, pointer);
        }
    }
}
