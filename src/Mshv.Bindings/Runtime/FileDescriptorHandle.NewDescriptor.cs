using System;
using System.Runtime.InteropServices;
using Mshv.Ioctls;

namespace Mshv.Runtime;

// Requests whose result is a new file descriptor (create partition, create VM, create vCPU). The owning handle
// is allocated before the call, so once the driver returns a descriptor nothing can fail before it is owned.
public sealed unsafe partial class FileDescriptorHandle
{
    /// <summary>An <c>_IO</c> request that returns a new descriptor, owned by the returned handle.</summary>
    public FileDescriptorHandle IoctlNewDescriptor(IoctlNone request, nuint argument, ErrnoMeanings meanings) =>
        NewDescriptor(request.Request, request.Name, (void*)argument, meanings);

    /// <summary>An <c>_IOW</c> request that returns a new descriptor, owned by the returned handle.</summary>
    public FileDescriptorHandle IoctlNewDescriptor<T>(IoctlWrite<T> request, in T argument, ErrnoMeanings meanings)
        where T : unmanaged
    {
        fixed (T* pointer = &argument)
        {
            return NewDescriptor(request.Request, request.Name, pointer, meanings);
        }
    }

    /// <summary>An <c>_IOWR</c> request that returns a new descriptor, owned by the returned handle.</summary>
    public FileDescriptorHandle IoctlNewDescriptor<T>(IoctlReadWrite<T> request, ref T argument, ErrnoMeanings meanings)
        where T : unmanaged
    {
        fixed (T* pointer = &argument)
        {
            return NewDescriptor(request.Request, request.Name, pointer, meanings);
        }
    }

    private FileDescriptorHandle NewDescriptor(uint request, string name, void* argument, ErrnoMeanings meanings)
    {
        ArgumentNullException.ThrowIfNull(meanings);
        FileDescriptorHandle created = new(meanings);
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
            int fd = LibC.Ioctl((int)handle, request, argument);
            return Own(created, fd, name);
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }

    private FileDescriptorHandle Own(FileDescriptorHandle created, int fd, string name)
    {
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            created.Dispose();
            throw Meanings.ToException(errno, name);
        }

        created.SetHandle(fd);
        return created;
    }
}
