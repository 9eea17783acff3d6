using System;
using Mshv.Kvm.Interop;
using Mshv.Runtime;

namespace Mshv.Kvm.Guest;

/// <summary>
/// The smallest useful guest: one page of real-mode code that writes the digit '4' to the COM1 data port and
/// halts. Owns the VM, its memory and its single vCPU.
/// </summary>
public sealed class RealModeGuest : IDisposable
{
    /// <summary>Guest physical address of the code page (and the first instruction).</summary>
    public const ulong CodeAddress = 0x1000;

    /// <summary>The COM1 data port the guest writes to.</summary>
    public const ushort SerialPort = 0x3f8;

    private const int PageSize = 0x1000;

    /// <summary>Bytes of guest code, up to and including <c>hlt</c>: RIP after the halt is <see cref="CodeAddress"/> + this.</summary>
    public static int CodeLength => Code.Length;

    // Hand-assembled 16-bit code: computes 2 + 2, makes it an ASCII digit, sends it to COM1, stops.
    private static ReadOnlySpan<byte> Code =>
    [
        0xb0, 0x02,       // mov al, 2          (B0+r ib: al <- 2)
        0x04, 0x02,       // add al, 2          (04 ib:   al <- al + 2 = 4)
        0x04, 0x30,       // add al, '0'        (04 ib:   al <- '4')
        0xba, 0xf8, 0x03, // mov dx, 0x3f8      (B8+r iw, little-endian: dx <- COM1)
        0xee,             // out dx, al         (EE: one byte to port dx -> KVM_EXIT_IO)
        0xf4,             // hlt                (F4: no interrupt can wake it -> KVM_EXIT_HLT)
    ];

    private readonly KvmVm vm;
    private readonly MemoryMapping memory;

    private RealModeGuest(KvmVm vm, MemoryMapping memory, KvmVcpu vcpu)
    {
        this.vm = vm;
        this.memory = memory;
        Vcpu = vcpu;
    }

    /// <summary>The guest's only vCPU, ready to <see cref="KvmVcpu.Run"/>.</summary>
    public KvmVcpu Vcpu { get; }

    /// <summary>Creates the VM, loads the code at <see cref="CodeAddress"/> and points vCPU 0 at it in real mode.</summary>
    public static RealModeGuest Create(KvmSystem kvm)
    {
        ArgumentNullException.ThrowIfNull(kvm);
        KvmVm vm = kvm.CreateVm();
        MemoryMapping? memory = null;
        KvmVcpu? vcpu = null;
        try
        {
            // mmap gives whole zero-filled pages, so the region is page-aligned as KVM requires.
            memory = MemoryMapping.Anonymous(PageSize, MemoryProtection.ReadWrite);
            memory.CopyFrom(0, Code);
            vm.SetUserMemoryRegion(slot: 0, CodeAddress, memory);
            vcpu = vm.CreateVcpu(0);
            EnterRealModeAt(vcpu, CodeAddress);
            return new RealModeGuest(vm, memory, vcpu);
        }
        catch
        {
            vcpu?.Dispose();
            vm.Dispose();
            memory?.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Vcpu.Dispose();
        vm.Dispose();
        memory.Dispose();
    }

    private static void EnterRealModeAt(KvmVcpu vcpu, ulong address)
    {
        // A vCPU starts at the reset vector (CS base 0xffff0000); a zero CS base makes RIP a physical address.
        kvm_sregs sregs = vcpu.GetSregs();
        sregs.cs.@base = 0;
        sregs.cs.selector = 0;
        vcpu.SetSregs(in sregs);

        kvm_regs regs = default;
        regs.rip = address;
        regs.rflags = 0x2; // bit 1 is reserved and must be set; interrupts stay disabled
        vcpu.SetRegs(in regs);
    }
}
