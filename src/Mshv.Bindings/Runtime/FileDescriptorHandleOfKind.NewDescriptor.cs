using Mshv.Ioctls;

namespace Mshv.Runtime;

// Requests that return a new descriptor of kind TKind (KVM_CREATE_VM, MSHV_CREATE_PARTITION, MSHV_CREATE_VP), made on
// a parent handle: FileDescriptorHandle<KvmFdKinds.Vm>.CreateBy(system, KvmIoctls.KVM_CREATE_VM, 0, meanings).
// The new handle is allocated before the call, so once the driver returns a descriptor nothing can fail before it is owned.
public sealed unsafe partial class FileDescriptorHandle<TKind>
{
    /// <summary>An <c>_IO</c> request accepted on <typeparamref name="TParent"/> that returns a descriptor of this kind.</summary>
    public static FileDescriptorHandle<TKind> CreateBy<TParent, TOn>(
        FileDescriptorHandle<TParent> parent, IoctlNone<TOn> request, nuint argument, ErrnoMeanings meanings)
        where TParent : class
        where TOn : class, IAcceptedOn<TParent> =>
        Checked(parent).NewDescriptor(new FileDescriptorHandle<TKind>(meanings), request.Request, request.Name, (void*)argument);

    /// <summary>An <c>_IOW</c> request accepted on <typeparamref name="TParent"/> that returns a descriptor of this kind.</summary>
    public static FileDescriptorHandle<TKind> CreateBy<TParent, T, TOn>(
        FileDescriptorHandle<TParent> parent, IoctlWrite<T, TOn> request, in T argument, ErrnoMeanings meanings)
        where TParent : class
        where T : unmanaged
        where TOn : class, IAcceptedOn<TParent>
    {
        fixed (T* pointer = &argument)
        {
            return Checked(parent).NewDescriptor(new FileDescriptorHandle<TKind>(meanings), request.Request, request.Name, pointer);
        }
    }

    /// <summary>An <c>_IO</c> request of unknown kind that returns a descriptor of this kind.</summary>
    public static FileDescriptorHandle<TKind> CreateBy(FileDescriptorSafeHandle parent, IoctlNone request, nuint argument, ErrnoMeanings meanings) =>
        Checked(parent).NewDescriptor(new FileDescriptorHandle<TKind>(meanings), request.Request, request.Name, (void*)argument);

    /// <summary>An <c>_IOW</c> request of unknown kind that returns a descriptor of this kind.</summary>
    public static FileDescriptorHandle<TKind> CreateBy<T>(FileDescriptorSafeHandle parent, IoctlWrite<T> request, in T argument, ErrnoMeanings meanings)
        where T : unmanaged
    {
        fixed (T* pointer = &argument)
        {
            return Checked(parent).NewDescriptor(new FileDescriptorHandle<TKind>(meanings), request.Request, request.Name, pointer);
        }
    }

    private static TParent Checked<TParent>(TParent parent)
        where TParent : FileDescriptorSafeHandle
    {
        System.ArgumentNullException.ThrowIfNull(parent);
        return parent;
    }
}
