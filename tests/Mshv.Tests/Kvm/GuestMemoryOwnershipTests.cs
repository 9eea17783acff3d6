using Mshv.Kvm;
using Mshv.Kvm.Interop;
using Mshv.Runtime;
using Xunit;

namespace Mshv.Tests.Kvm;

/// <summary>A VM keeps its guest memory mapped until it is disposed, whatever the caller does with the mapping.</summary>
public sealed class GuestMemoryOwnershipTests
{
    [KvmFact]
    public void Guest_memory_disposed_early_stays_mapped_while_the_vm_uses_it()
    {
        using KvmSystem kvm = KvmSystem.Open();
        using KvmVm vm = kvm.CreateVm();
        MemoryMapping memory = MemoryMapping.Anonymous(0x1000, MemoryProtection.ReadWrite);
        memory.Span[0] = 0xf4; // hlt
        vm.SetUserMemoryRegion(0, 0x1000, memory);

        memory.Dispose(); // the VM's reference defers the munmap
        using KvmVcpu vcpu = vm.CreateVcpu(0);
        kvm_sregs sregs = vcpu.GetSregs();
        sregs.cs.@base = 0;
        sregs.cs.selector = 0;
        vcpu.SetSregs(in sregs);
        kvm_regs regs = default;
        regs.rip = 0x1000;
        regs.rflags = 0x2;
        vcpu.SetRegs(in regs);

        Assert.Equal(nameof(KvmConstants.KVM_EXIT_HLT), KvmExitReasons.NameOf(vcpu.Run()));
        Assert.Equal(0x1001ul, vcpu.GetRegs().rip);
    }
}
