using Mshv.Kvm;
using Mshv.Kvm.Guest;
using Mshv.Kvm.Interop;
using Mshv.Runtime;
using Xunit;

namespace Mshv.Tests.Kvm;

/// <summary>The sample's real-mode guest (mov al,2; add al,2; add al,'0'; out 0x3f8,al; hlt) on the real device.</summary>
public sealed class RealModeGuestTests
{
    [KvmFact]
    public void First_exit_is_one_byte_out_of_the_digit_4_to_COM1()
    {
        using KvmSystem kvm = KvmSystem.Open();
        using RealModeGuest guest = RealModeGuest.Create(kvm);

        uint reason = guest.Vcpu.Run();

        Assert.Equal(nameof(KvmConstants.KVM_EXIT_IO), KvmExitReasons.NameOf(reason));
        kvm_run__io io = guest.Vcpu.RunState.io;
        Assert.Equal(KvmConstants.KVM_EXIT_IO_OUT, io.direction);
        Assert.Equal(RealModeGuest.SerialPort, io.port);
        Assert.Equal(1, io.size);
        Assert.Equal(1u, io.count);
        Assert.Equal(new[] { (byte)'4' }, guest.Vcpu.IoData.ToArray());
    }

    [KvmFact]
    public void Second_exit_is_hlt_just_past_the_last_instruction()
    {
        using KvmSystem kvm = KvmSystem.Open();
        using RealModeGuest guest = RealModeGuest.Create(kvm);
        guest.Vcpu.Run();

        uint reason = guest.Vcpu.Run();

        Assert.Equal(nameof(KvmConstants.KVM_EXIT_HLT), KvmExitReasons.NameOf(reason));
        Assert.Equal(RealModeGuest.CodeAddress + (ulong)RealModeGuest.CodeLength, guest.Vcpu.GetRegs().rip);
    }

    [KvmFact]
    public void Io_data_is_refused_when_the_last_exit_was_not_io()
    {
        using KvmSystem kvm = KvmSystem.Open();
        using RealModeGuest guest = RealModeGuest.Create(kvm);
        guest.Vcpu.Run();
        guest.Vcpu.Run();

        System.InvalidOperationException error = Assert.Throws<System.InvalidOperationException>(() => guest.Vcpu.IoData.ToArray());
        Assert.Contains("KVM_EXIT_HLT", error.Message);
    }

    [KvmFact]
    public void Registers_set_are_read_back()
    {
        using KvmSystem kvm = KvmSystem.Open();
        using KvmVm vm = kvm.CreateVm();
        using KvmVcpu vcpu = vm.CreateVcpu(0);
        kvm_regs regs = default;
        regs.rax = 0x0123_4567_89ab_cdef;
        regs.rip = 0x2000;
        regs.rflags = 0x2;

        vcpu.SetRegs(in regs);
        kvm_regs read = vcpu.GetRegs();

        Assert.Equal(regs.rax, read.rax);
        Assert.Equal(regs.rip, read.rip);
        Assert.Equal(regs.rflags, read.rflags);
    }

    [KvmFact]
    public void Segment_registers_set_are_read_back()
    {
        using KvmSystem kvm = KvmSystem.Open();
        using KvmVm vm = kvm.CreateVm();
        using KvmVcpu vcpu = vm.CreateVcpu(0);
        kvm_sregs sregs = vcpu.GetSregs();
        sregs.cs.@base = 0x1_0000;
        sregs.cs.selector = 0x1000;

        vcpu.SetSregs(in sregs);
        kvm_sregs read = vcpu.GetSregs();

        Assert.Equal(0x1_0000ul, read.cs.@base);
        Assert.Equal((ushort)0x1000, read.cs.selector);
    }

    [KvmFact]
    public void A_second_vcpu_with_the_same_id_fails_with_EEXIST_and_says_why()
    {
        using KvmSystem kvm = KvmSystem.Open();
        using KvmVm vm = kvm.CreateVm();
        using KvmVcpu first = vm.CreateVcpu(0);

        IoctlException error = Assert.Throws<IoctlException>(() => vm.CreateVcpu(0));

        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.Equal(nameof(KvmConstants.KVM_CREATE_VCPU), error.Operation);
        Assert.Contains("already exists", error.Meaning);
    }
}
