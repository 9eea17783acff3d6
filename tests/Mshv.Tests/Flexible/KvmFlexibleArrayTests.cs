using System;
using System.Linq;
using System.Runtime.CompilerServices;
using Mshv.Kvm;
using Mshv.Kvm.Guest;
using Mshv.Kvm.Interop;
using Mshv.Runtime;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Kvm;
using Xunit;

namespace Mshv.Tests.Flexible;

/// <summary>Flexible-array requests on the real /dev/kvm through owned buffers, against C making the same calls.</summary>
public sealed class KvmFlexibleArrayTests
{
    [KvmFact]
    public void Buffer_layout_is_gccs_for_cpuid_msrs_and_msr_list()
    {
        AssertLayout<kvm_cpuid2, kvm_cpuid_entry2>("kvm_cpuid2");
        AssertLayout<kvm_msrs, kvm_msr_entry>("kvm_msrs");
        AssertLayout<kvm_msr_list, uint>("kvm_msr_list");
    }

    [KvmFact]
    public void Supported_cpuid_grown_from_one_entry_equals_what_c_reads()
    {
        using KvmSystem kvm = KvmSystem.Open();

        // One entry is far too few: the kernel answers E2BIG without saying how many it needs, so the buffer doubles.
        // On CPU 0, as the C oracle: leaf 1 carries the APIC ID of the CPU the call ran on.
        FlexibleArrayBuffer<kvm_cpuid2, kvm_cpuid_entry2> cpuid = CpuAffinity.OnCpu(0, () => kvm.GetSupportedCpuid(initialCapacity: 1));

        string[] actual = cpuid.Elements.ToArray()
            .Select(e => $"{e.function:x} {e.index:x} {e.flags:x} {e.eax:x} {e.ebx:x} {e.ecx:x} {e.edx:x}")
            .ToArray();
        Assert.Equal(KvmFlexibleOracle.Section("cpuid"), actual);
        Assert.Equal((int)cpuid.Header.nent, cpuid.Count);
        Assert.True(cpuid.Capacity > 1 && cpuid.Count <= cpuid.Capacity);
        FlexibleBufferAssert.GuardsIntact(cpuid);
    }

    [KvmFact]
    public void Msr_index_list_grows_to_exactly_the_count_the_kernel_writes_back()
    {
        using KvmSystem kvm = KvmSystem.Open();

        FlexibleArrayBuffer<kvm_msr_list, uint> list = kvm.GetMsrIndexList(initialCapacity: 1);

        Assert.Equal(KvmFlexibleOracle.Section("msr"), list.Elements.ToArray().Select(i => $"{i:x}").ToArray());
        // Grown once, to the number KVM_GET_MSR_INDEX_LIST wrote into nmsrs with its E2BIG, not by doubling.
        Assert.Equal(list.Count, list.Capacity);
        FlexibleBufferAssert.GuardsIntact(list);
    }

    [KvmFact]
    public void Feature_msrs_read_on_dev_kvm_equal_what_c_reads()
    {
        using KvmSystem kvm = KvmSystem.Open();
        FlexibleArrayBuffer<kvm_msr_list, uint> features = kvm.GetMsrFeatureIndexList();
        FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry> msrs = new(features.Count);
        for (int i = 0; i < features.Count; i++)
        {
            msrs.Elements[i].index = features.Elements[i];
        }

        int read = kvm.GetFeatureMsrs(msrs);

        Assert.NotEmpty(KvmFlexibleOracle.Section("feature"));
        Assert.Equal(KvmFlexibleOracle.Section("feature"), msrs.Elements[..read].ToArray().Select(e => $"{e.index:x} {e.data:x}").ToArray());
        FlexibleBufferAssert.GuardsIntact(msrs);
        FlexibleBufferAssert.GuardsIntact(features);
    }

    [KvmFact]
    public void Msrs_set_on_a_vcpu_read_back_through_a_fresh_buffer()
    {
        using KvmSystem kvm = KvmSystem.Open();
        using RealModeGuest guest = RealModeGuest.Create(kvm);
        // IA32_SYSENTER_CS/ESP/EIP (Intel SDM vol. 4): architectural MSRs that take any value; KVM must list them.
        uint[] indices = [0x174, 0x175, 0x176];
        Assert.All(indices, i => Assert.Contains(i, kvm.GetMsrIndexList().Elements.ToArray()));
        FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry> written = new(indices.Length);
        for (int i = 0; i < indices.Length; i++)
        {
            written.Elements[i].index = indices[i];
            written.Elements[i].data = 0x1000u * (ulong)(i + 1) + 0x42;
        }

        int set = guest.Vcpu.SetMsrs(written);
        FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry> read = new(indices.Length + 5);
        read.Count = indices.Length; // read only these; the other five elements are spare capacity
        for (int i = 0; i < indices.Length; i++)
        {
            read.Elements[i].index = indices[i];
        }

        int got = guest.Vcpu.GetMsrs(read);

        Assert.Equal(indices.Length, set);
        Assert.Equal(indices.Length, got);
        Assert.Equal(written.Elements.ToArray().Select(e => (e.index, e.data)), read.Elements.ToArray().Select(e => (e.index, e.data)));
        FlexibleBufferAssert.GuardsIntact(written);
        FlexibleBufferAssert.GuardsIntact(read);
    }

    [KvmFact]
    public void A_count_field_above_the_capacity_is_refused_before_the_kernel_sees_it()
    {
        using KvmSystem kvm = KvmSystem.Open();
        using RealModeGuest guest = RealModeGuest.Create(kvm);
        FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry> msrs = new(2);
        msrs.Header.nmsrs = 1000; // what the unsafe struct form allowed: the kernel would write 998 entries past the end

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => guest.Vcpu.GetMsrs(msrs));

        Assert.Contains("nmsrs", error.Message);
        Assert.Contains("room for 2", error.Message);
        FlexibleBufferAssert.GuardsIntact(msrs);
    }

    private static void AssertLayout<THeader, TElement>(string record)
        where THeader : unmanaged, Mshv.Ioctls.IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged
    {
        (int size, int offset, int elementSize) = KvmFlexibleOracle.Layout(record);
        Assert.Equal(size, Unsafe.SizeOf<THeader>());
        Assert.Equal(offset, FlexibleBufferAssert.ElementsOffset<THeader, TElement>());
        Assert.Equal(elementSize, Unsafe.SizeOf<TElement>());
        foreach (int capacity in new[] { 0, 1, 7 })
        {
            // The C idiom's allocation, sizeof(struct) + n * sizeof(element), is what the buffer hands the kernel.
            Assert.Equal(Math.Max(size, offset + (capacity * elementSize)), new FlexibleArrayBuffer<THeader, TElement>(capacity).ByteLength);
        }
    }
}
