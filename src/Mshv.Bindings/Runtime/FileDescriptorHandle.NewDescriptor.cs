using Mshv.Ioctls;

namespace Mshv.Runtime;

// Requests whose result is a new file descriptor (create partition, create VM, create vCPU). The owning handle
// is allocated before the call, so once the driver returns a descriptor nothing can fail before it is owned.
public sealed unsafe partial class FileDescriptorHandle
{
    /// <summary>An <c>_IO</c> request that returns a new descriptor, owned by the returned handle.</summary>
    public FileDescriptorHandle IoctlNewDescriptor(IoctlNone request, nuint argument, ErrnoMeanings meanings) =>
        NewDescriptor(new FileDescriptorHandle(meanings), request.Request, request.Name, (void*)argument);

    /// <summary>An <c>_IOW</c> request that returns a new descriptor, owned by the returned handle.</summary>
    public FileDescriptorHandle IoctlNewDescriptor<T>(IoctlWrite<T> request, in T argument, ErrnoMeanings meanings)
        where T : unmanaged
    {
        fixed (T* pointer = &argument)
        {
            return NewDescriptor(new FileDescriptorHandle(meanings), request.Request, request.Name, pointer);
        }
    }

    /// <summary>An <c>_IOWR</c> request that returns a new descriptor, owned by the returned handle.</summary>
    public FileDescriptorHandle IoctlNewDescriptor<T>(IoctlReadWrite<T> request, ref T argument, ErrnoMeanings meanings)
        where T : unmanaged
    {
        fixed (T* pointer = &argument)
        {
            return NewDescriptor(new FileDescriptorHandle(meanings), request.Request, request.Name, pointer);
        }
    }
}
