using System;
using Mshv.Kvm.Interop;
using Mshv.Runtime;
using Xunit;

namespace Mshv.Tests.Flexible;

/// <summary>The owned buffer's own promises, without a device: count in step with capacity, resize, spans that never dangle.</summary>
public sealed class FlexibleArrayBufferTests
{
    [Fact]
    public void A_new_buffer_counts_its_whole_capacity_in_the_record()
    {
        FlexibleArrayBuffer<kvm_cpuid2, kvm_cpuid_entry2> cpuid = new(5);

        Assert.Equal(5u, cpuid.Header.nent);
        Assert.Equal(5, cpuid.Count);
        Assert.Equal(5, cpuid.Elements.Length);
        FlexibleBufferAssert.GuardsIntact(cpuid);
    }

    [Fact]
    public void Count_cannot_be_set_beyond_the_capacity()
    {
        FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry> msrs = new(3);

        Assert.Throws<ArgumentOutOfRangeException>(() => msrs.Count = 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => msrs.Count = -1);
        msrs.Count = 2;
        Assert.Equal(2u, msrs.Header.nmsrs);
        Assert.Equal(2, msrs.Elements.Length);
    }

    [Fact]
    public void A_count_field_written_beyond_the_capacity_reads_back_clamped()
    {
        FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry> msrs = new(3);

        msrs.Header.nmsrs = 1_000_000;

        Assert.Equal(3, msrs.Count);
        Assert.Equal(3, msrs.Elements.Length);
    }

    [Fact]
    public void A_capacity_the_count_field_cannot_hold_is_refused()
    {
        // kvm_msr_list.nmsrs is a __u32: every int fits. A negative capacity never does.
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlexibleArrayBuffer<kvm_msr_list, uint>(-1));
    }

    [Fact]
    public void Resize_keeps_the_record_and_the_valid_elements()
    {
        FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry> msrs = new(2);
        msrs.Header.pad = 7;
        msrs.Elements[0].index = 0x174;
        msrs.Elements[1].index = 0x175;

        msrs.Resize(10);

        Assert.Equal(10, msrs.Capacity);
        Assert.Equal(2, msrs.Count);
        Assert.Equal(7u, msrs.Header.pad);
        Assert.Equal(new uint[] { 0x174, 0x175 }, new[] { msrs.Elements[0].index, msrs.Elements[1].index });
        FlexibleBufferAssert.GuardsIntact(msrs);
    }

    [Fact]
    public void A_span_taken_before_a_resize_stays_readable_memory()
    {
        FlexibleArrayBuffer<kvm_msr_list, uint> list = new(4);
        Span<uint> before = list.Elements;
        before[3] = 99;

        list.Resize(1);
        GC.Collect();

        // The old span still points into GC-owned memory kept alive by the span itself: stale, never freed.
        Assert.Equal(99u, before[3]);
        Assert.Equal(1, list.Elements.Length);
    }
}
