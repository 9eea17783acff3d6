using Mshv.Kvm;
using Mshv.Kvm.Interop;
using Mshv.Runtime;
using Xunit;

namespace Mshv.Tests.Kvm;

/// <summary>A VM keeps its guest memory mapped until it is disposed, whatever the caller does with the mapping.</summary>
public sealed class GuestMemoryOwnershipTests
{
    private const ulong Address = 0x1000;

    [KvmFact]
    public void Guest_memory_disposed_early_stays_mapped_while_the_vm_uses_it()
    {
        using KvmSystem kvm = KvmSystem.Open();
        using KvmVm vm = kvm.CreateVm();
        MemoryMapping memory = HltPage();
        vm.SetUserMemoryRegion(0, Address, memory);

        memory.Dispose(); // the VM's reference defers the munmap
        using KvmVcpu vcpu = vm.CreateVcpu(0);
        PointAtHlt(vcpu);

        Assert.Equal(nameof(KvmConstants.KVM_EXIT_HLT), KvmExitReasons.NameOf(vcpu.Run()));
        Assert.Equal(Address + 1, vcpu.GetRegs().rip);
    }

    [KvmFact]
    public void Guest_memory_outlives_the_vm_descriptor_while_a_vcpu_can_run()
    {
        using KvmSystem kvm = KvmSystem.Open();
        KvmVm vm = kvm.CreateVm();
        using (MemoryMapping memory = HltPage())
        {
            vm.SetUserMemoryRegion(0, Address, memory);
        }

        using KvmVcpu vcpu = vm.CreateVcpu(0);
        PointAtHlt(vcpu);
        vm.Dispose(); // the vCPU keeps the kernel's VM, and so the VM keeps the memory

        Assert.Equal(nameof(KvmConstants.KVM_EXIT_HLT), KvmExitReasons.NameOf(vcpu.Run()));
        Assert.Equal(Address + 1, vcpu.GetRegs().rip);
    }

    private static MemoryMapping HltPage()
    {
        MemoryMapping memory = MemoryMapping.Anonymous(0x1000, MemoryProtection.ReadWrite);
        memory.Write<byte>(0, 0xf4); // hlt
        return memory;
    }

    private static void PointAtHlt(KvmVcpu vcpu)
    {
        kvm_sregs sregs = vcpu.GetSregs();
        sregs.cs.@base = 0;
        sregs.cs.selector = 0;
        vcpu.SetSregs(in sregs);
        kvm_regs regs = default;
        regs.rip = Address;
        regs.rflags = 0x2;
        vcpu.SetRegs(in regs);
    }
}
