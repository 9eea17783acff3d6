using System;
using System.Collections.Generic;
using System.Threading;
using Mshv.Kvm.Interop;
using Mshv.Runtime;

namespace Mshv.Kvm;

/// <summary>A VM descriptor from KVM_CREATE_VM (rust-vmm's <c>VmFd</c>).</summary>
/// <remarks>
/// KVM keeps only the user-space address of guest memory: were it unmapped while a vCPU can still run, the address
/// range could be reused by an unrelated mapping of this process and the guest would read and write that. So the
/// VM holds a reference on every <see cref="MemoryMapping"/> it was given and lets go only when the VM and all its
/// vCPUs are disposed (a vCPU keeps the kernel's VM alive after the VM descriptor is closed). Disposing a mapping
/// early defers its munmap until then.
/// </remarks>
public sealed class KvmVm : IDisposable
{
    private readonly int vcpuMmapSize;
    private readonly List<MemoryMapping> guestMemory = new();
    private int users = 1; // this VM plus each live vCPU; guest memory is released when it reaches 0
    private int disposed;

    internal KvmVm(FileDescriptorHandle<KvmFdKinds.Vm> handle, int vcpuMmapSize)
    {
        Handle = handle;
        this.vcpuMmapSize = vcpuMmapSize;
    }

    /// <summary>The VM descriptor, for requests this class does not wrap: only VM requests compile on it.</summary>
    public FileDescriptorHandle<KvmFdKinds.Vm> Handle { get; }

    /// <summary>KVM_SET_USER_MEMORY_REGION: makes all of <paramref name="memory"/> guest RAM at <paramref name="guestPhysicalAddress"/>.</summary>
    /// <exception cref="IoctlException">EINVAL for an unaligned address or an overlapping slot, and so on.</exception>
    public unsafe void SetUserMemoryRegion(uint slot, ulong guestPhysicalAddress, MemoryMapping memory, uint flags = 0)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);

        // Counted as a user while registering, so a concurrent last release cannot clear the list before this
        // mapping is in it (it would then never be released).
        bool added = false;
        memory.DangerousAddRef(ref added);
        Interlocked.Increment(ref users);
        try
        {
            kvm_userspace_memory_region region = default;
            region.slot = slot;
            region.flags = flags;
            region.guest_phys_addr = guestPhysicalAddress;
            region.memory_size = memory.Length;
            region.userspace_addr = (ulong)memory.Address;
            Handle.Ioctl(KvmIoctls.KVM_SET_USER_MEMORY_REGION, in region);
            lock (guestMemory)
            {
                guestMemory.Add(memory);
            }
        }
        catch
        {
            memory.DangerousRelease();
            throw;
        }
        finally
        {
            ReleaseUser();
        }
    }

    /// <summary>KVM_CREATE_VCPU, then maps the vCPU's <c>kvm_run</c> area.</summary>
    /// <exception cref="IoctlException">EEXIST for an id in use, EINVAL for one out of range, and so on.</exception>
    public KvmVcpu CreateVcpu(uint id)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        Interlocked.Increment(ref users);
        FileDescriptorHandle<KvmFdKinds.Vcpu>? vcpu = null;
        MemoryMapping? runArea = null;
        try
        {
            vcpu = FileDescriptorHandle<KvmFdKinds.Vcpu>.CreateBy(Handle, KvmIoctls.KVM_CREATE_VCPU, id, KvmErrors.Vcpu);
            runArea = MemoryMapping.Shared(vcpu, (nuint)vcpuMmapSize, MemoryProtection.ReadWrite);
            return new KvmVcpu(vcpu, runArea, ReleaseUser);
        }
        catch
        {
            runArea?.Dispose();
            vcpu?.Dispose();
            ReleaseUser();
            throw;
        }
    }

    /// <summary>Closes the VM descriptor; guest memory is released once every vCPU of this VM is disposed too.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            Handle.Dispose();
            ReleaseUser();
        }
    }

    private void ReleaseUser()
    {
        if (Interlocked.Decrement(ref users) != 0)
        {
            return;
        }

        lock (guestMemory)
        {
            foreach (MemoryMapping memory in guestMemory)
            {
                memory.DangerousRelease();
            }

            guestMemory.Clear();
        }
    }
}
