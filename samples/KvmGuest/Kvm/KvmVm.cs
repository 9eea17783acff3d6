using System;
using System.Collections.Generic;
using Mshv.Kvm.Interop;
using Mshv.Runtime;

namespace Mshv.Kvm;

/// <summary>A VM descriptor from KVM_CREATE_VM (rust-vmm's <c>VmFd</c>).</summary>
/// <remarks>
/// KVM keeps only the user-space address of guest memory, so a region unmapped while the VM runs would make the
/// guest fault. The VM therefore holds a reference on every <see cref="MemoryMapping"/> it was given: disposing
/// the mapping early defers the munmap until the VM is disposed.
/// </remarks>
public sealed class KvmVm : IDisposable
{
    private readonly int vcpuMmapSize;
    private readonly List<MemoryMapping> guestMemory = new();

    internal KvmVm(FileDescriptorHandle handle, int vcpuMmapSize)
    {
        Handle = handle;
        this.vcpuMmapSize = vcpuMmapSize;
    }

    /// <summary>The VM descriptor, for requests this class does not wrap.</summary>
    public FileDescriptorHandle Handle { get; }

    /// <summary>KVM_SET_USER_MEMORY_REGION: makes all of <paramref name="memory"/> guest RAM at <paramref name="guestPhysicalAddress"/>.</summary>
    /// <exception cref="IoctlException">EINVAL for an unaligned address or an overlapping slot, and so on.</exception>
    public unsafe void SetUserMemoryRegion(uint slot, ulong guestPhysicalAddress, MemoryMapping memory, uint flags = 0)
    {
        ArgumentNullException.ThrowIfNull(memory);
        bool added = false;
        memory.DangerousAddRef(ref added);
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
    }

    /// <summary>KVM_CREATE_VCPU, then maps the vCPU's <c>kvm_run</c> area.</summary>
    /// <exception cref="IoctlException">EEXIST for an id in use, EINVAL for one out of range, and so on.</exception>
    public KvmVcpu CreateVcpu(uint id)
    {
        FileDescriptorHandle vcpu = Handle.IoctlNewDescriptor(KvmIoctls.KVM_CREATE_VCPU, id, KvmErrors.Vcpu);
        try
        {
            return new KvmVcpu(vcpu, MemoryMapping.Shared(vcpu, (nuint)vcpuMmapSize, MemoryProtection.ReadWrite));
        }
        catch
        {
            vcpu.Dispose();
            throw;
        }
    }

    /// <summary>Closes the VM descriptor, then lets go of the guest memory it was using.</summary>
    public void Dispose()
    {
        Handle.Dispose();
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
