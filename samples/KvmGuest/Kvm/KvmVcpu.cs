using System;
using System.Runtime.InteropServices;
using Mshv.Kvm.Interop;
using Mshv.Runtime;

namespace Mshv.Kvm;

/// <summary>A vCPU descriptor from KVM_CREATE_VCPU and its shared <c>kvm_run</c> area (rust-vmm's <c>VcpuFd</c>).</summary>
/// <remarks>A vCPU is driven by one thread at a time (KVM_RUN takes the vCPU mutex in the kernel).</remarks>
public sealed unsafe class KvmVcpu : IDisposable
{
    private readonly MemoryMapping runArea;
    private Action? releaseVm; // lets the VM release guest memory once its last user is gone

    internal KvmVcpu(FileDescriptorHandle<KvmFdKinds.Vcpu> handle, MemoryMapping runArea, Action releaseVm)
    {
        if (runArea.Length < (nuint)sizeof(kvm_run))
        {
            throw new InvalidOperationException(
                $"KVM_GET_VCPU_MMAP_SIZE is {runArea.Length} bytes, smaller than struct kvm_run ({sizeof(kvm_run)})");
        }

        Handle = handle;
        this.runArea = runArea;
        this.releaseVm = releaseVm;
    }

    /// <summary>The vCPU descriptor, for requests this class does not wrap: only vCPU requests compile on it.</summary>
    public FileDescriptorHandle<KvmFdKinds.Vcpu> Handle { get; }

    /// <summary>A copy of the shared <c>kvm_run</c>: exit details after <see cref="Run"/>.</summary>
    /// <remarks>A copy, never a reference into the mapping: after <see cref="Dispose"/> this throws
    /// <see cref="ObjectDisposedException"/>, and a concurrent Dispose waits for the copy to finish.</remarks>
    public kvm_run RunState => runArea.Read<kvm_run>(0);

    /// <summary>The <c>KVM_EXIT_*</c> reason of the last exit, read in place.</summary>
    /// <exception cref="ObjectDisposedException">The vCPU has been disposed.</exception>
    public uint ExitReason => runArea.Access(static bytes => MemoryMarshal.AsRef<kvm_run>(bytes).exit_reason);

    /// <summary>A copy of the bytes of the current KVM_EXIT_IO (<c>size * count</c> at <c>io.data_offset</c> in the run area).</summary>
    /// <exception cref="InvalidOperationException">The last exit was not KVM_EXIT_IO, or its data lies outside the area.</exception>
    /// <exception cref="ObjectDisposedException">The vCPU has been disposed.</exception>
    public ReadOnlySpan<byte> IoData => runArea.Access(static bytes =>
    {
        ref kvm_run run = ref MemoryMarshal.AsRef<kvm_run>(bytes);
        if (run.exit_reason != KvmConstants.KVM_EXIT_IO)
        {
            throw new InvalidOperationException($"the last exit was {KvmExitReasons.NameOf(run.exit_reason)}, not KVM_EXIT_IO");
        }

        // The kernel writes these fields into a shared page: check without any sum that could wrap.
        ulong offset = run.io.data_offset;
        ulong length = (ulong)run.io.size * run.io.count;
        ulong area = (ulong)bytes.Length;
        if (offset > area || length > area - offset)
        {
            throw new InvalidOperationException($"KVM_EXIT_IO data of {length} bytes at offset {offset} lies outside the {area}-byte run area");
        }

        return bytes.Slice((int)offset, (int)length).ToArray();
    });

    /// <summary>KVM_GET_REGS.</summary>
    public kvm_regs GetRegs()
    {
        kvm_regs regs = default;
        Handle.Ioctl(KvmIoctls.KVM_GET_REGS, ref regs);
        return regs;
    }

    /// <summary>KVM_SET_REGS.</summary>
    public void SetRegs(in kvm_regs regs) => Handle.Ioctl(KvmIoctls.KVM_SET_REGS, in regs);

    /// <summary>KVM_GET_SREGS.</summary>
    public kvm_sregs GetSregs()
    {
        kvm_sregs sregs = default;
        Handle.Ioctl(KvmIoctls.KVM_GET_SREGS, ref sregs);
        return sregs;
    }

    /// <summary>KVM_SET_SREGS.</summary>
    public void SetSregs(in kvm_sregs sregs) => Handle.Ioctl(KvmIoctls.KVM_SET_SREGS, in sregs);

    /// <summary>KVM_GET_MSRS: reads the MSRs whose indices the buffer's first <c>Count</c> elements name.</summary>
    /// <returns>How many were read (the kernel stops at the first it cannot read).</returns>
    public int GetMsrs(FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry> msrs) => Handle.Ioctl(KvmIoctls.KVM_GET_MSRS, msrs);

    /// <summary>KVM_SET_MSRS: writes the buffer's first <c>Count</c> MSRs.</summary>
    /// <returns>How many were written (the kernel stops at the first it refuses).</returns>
    public int SetMsrs(FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry> msrs) => Handle.Ioctl(KvmIoctls.KVM_SET_MSRS, msrs);

    /// <summary>KVM_RUN: runs the guest until it needs user space; returns <c>kvm_run.exit_reason</c> (a <c>KVM_EXIT_*</c>).</summary>
    /// <exception cref="IoctlException">EINTR when a signal is pending, EFAULT for unbacked guest memory, and so on.</exception>
    public uint Run()
    {
        Handle.Ioctl(KvmIoctls.KVM_RUN);
        return ExitReason;
    }

    /// <summary>Closes the vCPU descriptor, unmaps its run area and drops its hold on the VM's guest memory.</summary>
    public void Dispose()
    {
        Handle.Dispose();
        runArea.Dispose();
        System.Threading.Interlocked.Exchange(ref releaseVm, null)?.Invoke();
    }
}
