using System;
using Mshv.Kvm;
using Mshv.Kvm.Guest;
using Mshv.Kvm.Interop;

// Runs the real-mode guest on /dev/kvm and narrates every exit.
using KvmSystem kvm = KvmSystem.Open();
Console.WriteLine($"KVM_GET_API_VERSION: {kvm.ApiVersion}");
Console.WriteLine($"KVM_GET_VCPU_MMAP_SIZE: {kvm.VcpuMmapSize}");
Console.WriteLine($"KVM_CHECK_EXTENSION(KVM_CAP_USER_MEMORY): {kvm.CheckExtension(KvmConstants.KVM_CAP_USER_MEMORY)}");

using RealModeGuest guest = RealModeGuest.Create(kvm);
while (true)
{
    uint reason = guest.Vcpu.Run();
    Console.Write($"exit: {KvmExitReasons.NameOf(reason)}");
    if (reason == KvmConstants.KVM_EXIT_IO)
    {
        kvm_run__io io = guest.Vcpu.RunState.io;
        string direction = io.direction == KvmConstants.KVM_EXIT_IO_OUT ? nameof(KvmConstants.KVM_EXIT_IO_OUT) : nameof(KvmConstants.KVM_EXIT_IO_IN);
        string bytes = string.Join(' ', Array.ConvertAll(guest.Vcpu.IoData.ToArray(), b => $"0x{b:x2} '{(char)b}'"));
        Console.WriteLine($" {direction} port=0x{io.port:x} size={io.size} count={io.count} data={bytes}");
        continue;
    }

    Console.WriteLine();
    if (reason == KvmConstants.KVM_EXIT_HLT)
    {
        Console.WriteLine($"guest halted at rip=0x{guest.Vcpu.GetRegs().rip:x}");
        return 0;
    }

    Console.Error.WriteLine("unexpected exit; stopping");
    return 1;
}
