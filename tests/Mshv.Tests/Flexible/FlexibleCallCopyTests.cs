using System;
using System.Threading;
using Mshv.Kvm;
using Mshv.Kvm.Interop;
using Mshv.Runtime;
using Mshv.Tests.Kvm;
using Xunit;

namespace Mshv.Tests.Flexible;

/// <summary>
/// The kernel gets a private copy of a flexible-array buffer, made and checked at the start of the call: a count another
/// thread writes into the buffer after the check cannot reach what the kernel reads (it made KVM_GET_MSRS write 255
/// entries into a 1-entry buffer).
/// </summary>
public sealed unsafe class FlexibleCallCopyTests
{
    [Fact]
    public void What_the_kernel_reads_is_a_copy_a_later_write_of_the_count_cannot_change()
    {
        FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry> msrs = new(1);
        msrs.Elements[0].index = 0x174;

        FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry>.CallFrame frame = msrs.BeginCall("KVM_GET_MSRS");
        msrs.Header.nmsrs = 255; // after the check: the racing thread's write
        var copy = (kvm_msrs*)frame.Pointer;

        Assert.Equal(1u, copy->nmsrs);
        Assert.True(copy != (kvm_msrs*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref msrs.Header));
        Assert.Throws<InvalidOperationException>(() => msrs.BeginCall("KVM_GET_MSRS")); // one call at a time
        copy->nmsrs = 1;                                                                    // what the kernel wrote back
        msrs.EndCall(in frame, "KVM_GET_MSRS");

        Assert.Equal(1u, msrs.Header.nmsrs);
        Assert.Equal(0x174u, msrs.Elements[0].index);
        FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry>.CallFrame next = msrs.BeginCall("again"); // released: the next call may start
        msrs.EndCall(in next, "again");
        FlexibleBufferAssert.GuardsIntact(msrs);
    }

    [KvmFact]
    public void A_thread_raising_the_count_during_calls_never_makes_the_kernel_write_past_the_buffer()
    {
        using KvmSystem kvm = KvmSystem.Open();
        using KvmVm vm = kvm.CreateVm();
        using KvmVcpu vcpu = vm.CreateVcpu(0);
        FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry> msrs = new(1);
        msrs.Elements[0].index = 0x174; // IA32_SYSENTER_CS
        using var stop = new CancellationTokenSource();
        var racer = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                msrs.Header.nmsrs = 255;
                msrs.Header.nmsrs = 1;
            }
        });

        racer.Start();
        int read = 0;
        int refused = 0;
        try
        {
            for (int i = 0; i < 20_000; i++)
            {
                try
                {
                    read += vcpu.GetMsrs(msrs);
                }
                catch (InvalidOperationException e) when (e.Message.Contains("has room for 1 elements", StringComparison.Ordinal))
                {
                    refused++; // the copy said 255: refused before the kernel saw it
                }
            }
        }
        finally
        {
            stop.Cancel();
            racer.Join();
        }

        // Every call either read its one MSR or was refused; none wrote past the copy (its canaries are intact).
        Assert.Equal(20_000, read + refused);
        FlexibleBufferAssert.GuardsIntact(msrs);
    }
}
