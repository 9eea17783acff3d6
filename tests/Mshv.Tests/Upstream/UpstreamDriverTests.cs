using System;
using System.Runtime.InteropServices;
using Mshv.Interop.Upstream;
using Mshv.Ioctls;
using Mshv.Runtime;
using Mshv.Tests.Runtime.Infrastructure;
using Mshv.Upstream;
using Xunit;

namespace Mshv.Tests.Upstream;

/// <summary>
/// The upstream driver's own rules, as the C double models them from drivers/hv/mshv_root_main.c and mshv_eventfd.c,
/// reached through the C# API: flag masks, MBZ fields, argument sizes, EFAULT, fd kinds, overlapping regions.
/// Each rejection is also matched to the driver check that made it (the double's site), not only to its errno.
/// </summary>
[Collection(DriverDoubleCollection.Name)]
public sealed unsafe class UpstreamDriverTests
{
    private static readonly ulong Page = UpstreamDouble.Value("MSHV_HV_PAGE_SIZE");

    [Fact]
    public void The_v1_create_request_is_read_as_16_bytes_and_its_flags_reach_the_driver()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition(PartitionFeatures.GpaSuperPages | PartitionFeatures.SmtEnabledGuest);

        (mshv_create_partition_v2 created, bool v2) = UpstreamDouble.Created(partition.Handle.FileDescriptor);
        Assert.False(v2);
        Assert.Equal((ulong)(PartitionFeatures.GpaSuperPages | PartitionFeatures.SmtEnabledGuest), created.pt_flags);
        Assert.Equal(0, created.pt_num_cpu_fbanks); // never read: only the v1 part was copied
    }

    [Fact]
    public void A_v1_request_with_the_v2_flag_is_refused_before_the_driver_reads_past_it()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        // The same page-end request as below: through the typed overload it is refused, not read 48 bytes too far.
        using MemoryMapping pages = MemoryMapping.Anonymous((nuint)(2 * Page), MemoryProtection.ReadWrite);
        Assert.Equal(0, Mprotect((byte*)pages.Address + Page, (nuint)Page, 0));
        var request = (mshv_create_partition*)((byte*)pages.Address + Page - (ulong)sizeof(mshv_create_partition));
        *request = default;
        request->pt_flags = 1ul << (int)MshvConstants.MSHV_PT_BIT_CPU_AND_XSAVE_FEATURES;

        Assert.Throws<ArgumentException>(() => root.CreatePartition(in *request));
        Assert.Throws<ArgumentException>(() => root.CreatePartition((PartitionFeatures)request->pt_flags));
    }

    [Fact]
    public void The_v2_payload_is_copied_only_when_the_flag_says_so()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        // A 16-byte v1 request at the very end of a readable page, followed by an inaccessible page.
        using MemoryMapping pages = MemoryMapping.Anonymous((nuint)(2 * Page), MemoryProtection.ReadWrite);
        Assert.Equal(0, Mprotect((byte*)pages.Address + Page, (nuint)Page, 0));
        int v1Size = sizeof(mshv_create_partition);
        var request = (mshv_create_partition*)((byte*)pages.Address + Page - (ulong)v1Size);
        uint number = MshvIoctls.MSHV_CREATE_PARTITION.Request;

        *request = default;
        int fd = root.Handle.IoctlWithPointer("MSHV_CREATE_PARTITION", number, request);
        using (FileDescriptorHandle.Adopt(fd, ErrnoMeanings.Generic))
        {
            Assert.Equal(UpstreamDouble.KindPartition, UpstreamDouble.KindOf(fd));
        }

        request->pt_flags = 1ul << (int)MshvConstants.MSHV_PT_BIT_CPU_AND_XSAVE_FEATURES;
        IoctlException error = Assert.Throws<IoctlException>(() => root.Handle.IoctlWithPointer("MSHV_CREATE_PARTITION", number, request));
        Assert.Equal(Errno.EFAULT, error.Errno);
        Assert.Equal(UpstreamDouble.Site("SITE_COPY_IN"), UpstreamDouble.LastSite);
    }

    [Theory]
    [InlineData("flags", "SITE_FLAGS_MASK")]
    [InlineData("isolation", "SITE_ISOLATION")]
    [InlineData("banks", "SITE_V2_BANKS")]
    [InlineData("pt_rsvd", "SITE_V2_RSVD")]
    [InlineData("pt_rsvd1", "SITE_V2_RSVD")]
    public void Create_partition_rejects_what_the_driver_rejects(string mistake, string site)
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        mshv_create_partition_v2 request = default;
        request.pt_flags = 1ul << (int)MshvConstants.MSHV_PT_BIT_CPU_AND_XSAVE_FEATURES;
        request.pt_num_cpu_fbanks = (ushort)MshvConstants.MSHV_NUM_CPU_FEATURES_BANKS;
        switch (mistake)
        {
            case "flags": request.pt_flags |= 1ul << (int)MshvConstants.MSHV_PT_BIT_COUNT; break;
            case "isolation": request.pt_isolation = MshvConstants.MSHV_PT_ISOLATION_COUNT; break;
            case "banks": request.pt_num_cpu_fbanks = 1; break;
            case "pt_rsvd": request.pt_rsvd[5] = 1; break;
            case "pt_rsvd1": request.pt_rsvd1[1] = 1; break;
        }

        IoctlException error = Assert.Throws<IoctlException>(() => root.CreatePartition(in request));

        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Equal(UpstreamDouble.Site(site), UpstreamDouble.LastSite);
        Assert.Contains("MSHV_PT_FLAGS_MASK", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, UpstreamDouble.LivePartitions);
    }

    [Fact]
    public void The_wrong_bank_count_is_refused_before_the_call()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        Assert.Throws<ArgumentException>(() => root.CreatePartition(PartitionFeatures.None, new ulong[1], 0));
        Assert.Throws<ArgumentException>(() => root.CreatePartition(default(mshv_create_partition_v2)));
    }

    [Fact]
    public void Check_extension_reuses_0x4004B800_and_the_root_device_does_not_know_it()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        Assert.Equal(UpstreamDouble.Value("MSHV_CHECK_EXTENSION"), MshvIoctls.MSHV_CHECK_EXTENSION.Request);
        uint capability = MshvConstants.MSHV_CAP_CORE_API_STABLE;

        IoctlException error = Assert.Throws<IoctlException>(() => root.Handle.Ioctl(MshvIoctls.MSHV_CHECK_EXTENSION, in capability));

        Assert.Equal(Errno.ENOTTY, error.Errno);
        Assert.Contains("0x4004B800", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_sent_to_the_wrong_descriptor_kind_are_ENOTTY_and_explained_for_that_kind()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        using VirtualProcessor vp = partition.CreateVirtualProcessor(0);

        // A partition request on the VP descriptor, a VP request on the partition, a partition request on the device. The typed
        // handles refuse these at compile time (DescriptorKindApiTests), so the numbers go through kind-less descriptors.
        var initialize = new IoctlNone(MshvIoctls.MSHV_INITIALIZE_PARTITION.Name, MshvIoctls.MSHV_INITIALIZE_PARTITION.Request);
        var run = new IoctlRead<mshv_run_vp>(MshvIoctls.MSHV_RUN_VP.Name, MshvIoctls.MSHV_RUN_VP.Request);
        IoctlException onVp = Assert.Throws<IoctlException>(() => vp.Handle.Ioctl(initialize));
        mshv_run_vp message = default;
        IoctlException onPartition = Assert.Throws<IoctlException>(() => partition.Handle.Ioctl(run, ref message));
        IoctlException onDevice = Assert.Throws<IoctlException>(() => root.Handle.Ioctl(initialize));

        Assert.All(new[] { onVp, onPartition, onDevice }, e => Assert.Equal(Errno.ENOTTY, e.Errno));
        Assert.Contains("VP descriptor answers only", onVp.Message, StringComparison.Ordinal);
        Assert.Contains("partition descriptor answers only", onPartition.Message, StringComparison.Ordinal);
        Assert.Contains("answers only MSHV_CREATE_PARTITION", onDevice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_hypercall_works_on_the_partition_and_on_the_vp_but_async_ones_only_on_the_partition()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        using VirtualProcessor vp = partition.CreateVirtualProcessor(2);
        ushort get = (ushort)UpstreamDouble.Value("HVCALL_GET_PARTITION_PROPERTY");
        ushort set = (ushort)UpstreamDouble.Value("HVCALL_SET_PARTITION_PROPERTY");
        byte[] input = new byte[16];
        input[8] = 0x42;
        byte[] output = new byte[24];

        partition.Hypercall(get, input, output);
        Assert.False(UpstreamDouble.LastHypercall().FromVp);
        Assert.Equal(0x42, output[8]); // the double's hypervisor echoes its input page: the output came back
        vp.Hypercall(get, input, output);
        Assert.True(UpstreamDouble.LastHypercall().FromVp);
        partition.Hypercall(set, input, Span<byte>.Empty);
        IoctlException error = Assert.Throws<IoctlException>(() => vp.Hypercall(set, input, Span<byte>.Empty));
        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Equal(UpstreamDouble.Site("SITE_HVCALL_ASYNC"), UpstreamDouble.LastSite);
    }

    [Fact]
    public void Root_hypercall_lengths_are_checked_before_the_call_and_the_status_is_kept_on_failure()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        ushort get = (ushort)UpstreamDouble.Value("HVCALL_GET_PARTITION_PROPERTY");

        Assert.Throws<ArgumentException>(() => partition.Hypercall(get, new byte[7], Span<byte>.Empty));
        Assert.Throws<ArgumentException>(() => partition.Hypercall(get, new byte[(int)Page + 1], Span<byte>.Empty));
        Assert.Throws<ArgumentException>(() => partition.Hypercall(get, new byte[8], new byte[(int)Page + 1]));
        IoctlException notPassThrough = Assert.Throws<IoctlException>(() => partition.Hypercall(0x0001, new byte[8], Span<byte>.Empty));
        Assert.Equal(UpstreamDouble.Site("SITE_HVCALL_CODE"), UpstreamDouble.LastSite);
        Assert.Equal(Errno.EINVAL, notPassThrough.Errno);

        UpstreamDouble.ScriptHypercallStatus((ushort)UpstreamDouble.Value("HV_STATUS_ACCESS_DENIED"));
        IoctlException denied = Assert.Throws<IoctlException>(() => partition.Hypercall(get, new byte[8], Span<byte>.Empty));
        Assert.Equal(Errno.EACCES, denied.Errno);
        Assert.Contains($"hypervisor status 0x{UpstreamDouble.Value("HV_STATUS_ACCESS_DENIED"):X4}", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Guest_memory_alignment_is_checked_before_the_call()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        using MemoryMapping ram = MemoryMapping.Anonymous((nuint)Page, MemoryProtection.ReadWrite);
        using MemoryMapping odd = MemoryMapping.Anonymous((nuint)Page + 1, MemoryProtection.ReadWrite);

        Assert.Throws<ArgumentException>(() => partition.MapMemory(Page + 1, ram, GuestMemoryAccess.Write));
        Assert.Throws<ArgumentException>(() => partition.MapMemory(0, odd, GuestMemoryAccess.Write));
        Assert.Empty(UpstreamDouble.Regions(partition.Handle.FileDescriptor));
    }

    [Theory]
    [InlineData("size", "SITE_MEM_SIZE")]
    [InlineData("uaddr", "SITE_MEM_ALIGN")]
    [InlineData("flags", "SITE_FLAGS_MASK")]
    [InlineData("rsvd", "SITE_MEM_RSVD")]
    [InlineData("no mapping", "SITE_MEM_NO_VMA")]
    public void The_driver_rejects_bad_regions_sent_raw(string mistake, string site)
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        using MemoryMapping ram = MemoryMapping.Anonymous((nuint)Page, MemoryProtection.ReadWrite);
        mshv_user_mem_region region = default;
        region.size = Page;
        region.userspace_addr = (ulong)ram.Address;
        switch (mistake)
        {
            case "size": region.size = Page / 2; break;
            case "uaddr": region.userspace_addr += 8; break;
            case "flags": region.flags = 1 << (int)MshvConstants.MSHV_SET_MEM_BIT_COUNT; break;
            case "rsvd": region.rsvd[6] = 1; break;
            case "no mapping": region.userspace_addr = Page; break; // page 1 of the address space is never mapped
        }

        IoctlException error = Assert.Throws<IoctlException>(() => partition.Handle.Ioctl(MshvIoctls.MSHV_SET_GUEST_MEMORY, in region));

        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Equal(UpstreamDouble.Site(site), UpstreamDouble.LastSite);
    }

    [Fact]
    public void Overlapping_regions_are_refused_in_guest_and_user_space_and_unmap_must_match_exactly()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        using MemoryMapping first = MemoryMapping.Anonymous((nuint)(2 * Page), MemoryProtection.ReadWrite);
        using MemoryMapping second = MemoryMapping.Anonymous((nuint)(2 * Page), MemoryProtection.ReadWrite);
        partition.MapMemory(0x100000, first, GuestMemoryAccess.Write);

        // Same guest frames from other memory; other guest frames from the same memory.
        IoctlException guest = Assert.Throws<IoctlException>(() => partition.MapMemory(0x100000 + Page, second, GuestMemoryAccess.Write));
        Assert.Equal(Errno.EEXIST, guest.Errno);
        Assert.Equal(UpstreamDouble.Site("SITE_MEM_OVERLAP"), UpstreamDouble.LastSite);
        IoctlException user = Assert.Throws<IoctlException>(() => partition.MapMemory(0x200000, first, GuestMemoryAccess.Write));
        Assert.Equal(Errno.EEXIST, user.Errno);

        mshv_user_mem_region partial = default;
        partial.size = Page;
        partial.guest_pfn = 0x100000 / Page;
        partial.userspace_addr = (ulong)first.Address;
        partial.flags = 1 << (int)MshvConstants.MSHV_SET_MEM_BIT_UNMAP;
        IoctlException mismatch = Assert.Throws<IoctlException>(() => partition.Handle.Ioctl(MshvIoctls.MSHV_SET_GUEST_MEMORY, in partial));
        Assert.Equal(UpstreamDouble.Site("SITE_MEM_MISMATCH"), UpstreamDouble.LastSite);
        Assert.Equal(Errno.EINVAL, mismatch.Errno);
        partition.UnmapMemory(0x100000);
        Assert.Empty(UpstreamDouble.Regions(partition.Handle.FileDescriptor));
    }

    [Fact]
    public void Guest_memory_stays_mapped_while_the_partition_uses_it()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        MemoryMapping ram = MemoryMapping.Anonymous((nuint)Page, MemoryProtection.ReadWrite);
        ram.Write<byte>(0, 0x77);
        partition.MapMemory(0, ram, GuestMemoryAccess.Write);

        ram.Dispose(); // the partition still holds it: the guest's pages are not returned to the process

        Assert.Equal(new byte[] { 0x77 }, UpstreamDouble.ReadGuest(partition.Handle.FileDescriptor, 0, 1));
        partition.UnmapMemory(0);
    }

    [Fact]
    public void Irqfd_and_ioeventfd_reach_the_driver_and_follow_its_rules()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        int fd = partition.Handle.FileDescriptor;
        int irq = EventFd(0, 0), resample = EventFd(0, 0), doorbell = EventFd(0, 0);
        try
        {
            partition.AssignIrqfd(irq, gsi: 5, resampleFd: resample);
            mshv_user_irqfd assigned = Assert.Single(UpstreamDouble.Irqfds(fd));
            Assert.Equal((irq, resample, 5u), (assigned.fd, assigned.resamplefd, assigned.gsi));
            Assert.Equal(Errno.EBUSY, Assert.Throws<IoctlException>(() => partition.AssignIrqfd(irq, gsi: 6)).Errno);
            Assert.Equal(Errno.EBADF, Assert.Throws<IoctlException>(() => partition.AssignIrqfd(fd, gsi: 7)).Errno);
            partition.DeassignIrqfd(irq, gsi: 5);
            Assert.Empty(UpstreamDouble.Irqfds(fd));

            partition.AssignIoeventfd(doorbell, address: 0xFEE0_0000, length: 4, datamatch: 0x1234);
            mshv_user_ioeventfd ioeventfd = Assert.Single(UpstreamDouble.Ioeventfds(fd));
            Assert.Equal((0xFEE0_0000ul, 4u, 0x1234ul, doorbell), (ioeventfd.addr, ioeventfd.len, ioeventfd.datamatch, ioeventfd.fd));
            Assert.Equal(Errno.EEXIST, Assert.Throws<IoctlException>(() => partition.AssignIoeventfd(doorbell, 0xFEE0_0000, 4)).Errno);
            Assert.Equal(Errno.EINVAL, Assert.Throws<IoctlException>(() => partition.AssignIoeventfd(doorbell, 0x1000, 3)).Errno);
            Assert.Equal(UpstreamDouble.Site("SITE_IOEVENTFD_LEN"), UpstreamDouble.LastSite);
            partition.DeassignIoeventfd(doorbell, 0xFEE0_0000, 4, 0x1234);
            Assert.Empty(UpstreamDouble.Ioeventfds(fd));
            Assert.Equal(Errno.ENOENT, Assert.Throws<IoctlException>(() => partition.DeassignIoeventfd(doorbell, 0xFEE0_0000, 4)).Errno);

            mshv_user_ioeventfd pio = default;
            pio.fd = doorbell;
            pio.len = 1;
            pio.flags = 1u << (int)MshvConstants.MSHV_IOEVENTFD_BIT_PIO;
            Assert.Equal(Errno.EOPNOTSUPP, Assert.Throws<IoctlException>(() => partition.Handle.Ioctl(MshvIoctls.MSHV_IOEVENTFD, in pio)).Errno);
        }
        finally
        {
            Close(irq);
            Close(resample);
            Close(doorbell);
        }
    }

    [Fact]
    public void Msi_routing_sends_exactly_its_entries()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        var entries = new mshv_user_irq_entry[3];
        for (uint i = 0; i < entries.Length; i++)
        {
            entries[i].gsi = 10 + i;
            entries[i].address_lo = 0xFEE0_0000 | (i << 12);
            entries[i].address_hi = i;
            entries[i].data = 0x4000 + i;
        }

        partition.SetMsiRouting(entries);
        mshv_user_irq_entry[] seen = UpstreamDouble.Routes(partition.Handle.FileDescriptor);
        Assert.Equal(MemoryMarshal.AsBytes(entries.AsSpan()).ToArray(), MemoryMarshal.AsBytes(seen.AsSpan()).ToArray());

        partition.SetMsiRouting(ReadOnlySpan<mshv_user_irq_entry>.Empty);
        Assert.Empty(UpstreamDouble.Routes(partition.Handle.FileDescriptor));
    }

    [Fact]
    public void Dirty_bitmap_reports_the_hypervisors_states_and_clears_them()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        int fd = partition.Handle.FileDescriptor;
        foreach (ulong gfn in new ulong[] { 16, 18, 25 })
        {
            UpstreamDouble.SetPageAccess(fd, gfn, accessed: true, dirty: true);
        }

        byte[] bitmap = new byte[2];
        partition.GetAccessBitmap(GuestPageAccess.Dirty, firstGuestPfn: 16, pageCount: 10, bitmap, GuestPageAccessAfterRead.Clear);

        Assert.Equal(new byte[] { 0b0000_0101, 0b0000_0010 }, bitmap);
        Assert.Equal(1, UpstreamDouble.PageAccess(fd, 16)); // dirty cleared, accessed kept
        Assert.Throws<ArgumentException>(() => partition.GetAccessBitmap(GuestPageAccess.Dirty, 0, 17, new byte[2], GuestPageAccessAfterRead.Keep));
        // (pageCount + 7) / 8 wraps to 0 for these: an empty span must still be refused.
        Assert.Throws<ArgumentException>(() => partition.GetAccessBitmap(GuestPageAccess.Dirty, 0, ulong.MaxValue - 3, Span<byte>.Empty, GuestPageAccessAfterRead.Keep));
    }

    [Fact]
    public void Vp_state_buffers_must_be_whole_pages_and_too_small_says_the_size_needed()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        using VirtualProcessor vp = partition.CreateVirtualProcessor(0);
        using MemoryMapping onePage = MemoryMapping.Anonymous((nuint)Page, MemoryProtection.ReadWrite);
        using MemoryMapping odd = MemoryMapping.Anonymous((nuint)Page / 2, MemoryProtection.ReadWrite);

        Assert.Throws<ArgumentException>(() => vp.GetState(VpStateKind.Lapic, odd));
        IoctlException small = Assert.Throws<IoctlException>(() => vp.GetState(VpStateKind.Xsave, onePage));

        Assert.Equal(Errno.EINVAL, small.Errno);
        Assert.Equal(UpstreamDouble.Site("SITE_STATE_SMALL"), UpstreamDouble.LastSite);
        int needed = UpstreamDouble.VpState(vp.Handle.FileDescriptor, (int)MshvConstants.MSHV_VP_STATE_XSAVE).Length;
        Assert.Contains($"needs {needed} bytes", small.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vp_index_limits_and_duplicates_are_the_drivers()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        using VirtualProcessor vp = partition.CreateVirtualProcessor(3);

        Assert.Equal(Errno.EEXIST, Assert.Throws<IoctlException>(() => partition.CreateVirtualProcessor(3)).Errno);
        uint max = (uint)UpstreamDouble.Value("MSHV_MAX_VPS");
        Assert.Equal(Errno.EINVAL, Assert.Throws<IoctlException>(() => partition.CreateVirtualProcessor(max)).Errno);
        Assert.Equal(UpstreamDouble.Site("SITE_VP_INDEX"), UpstreamDouble.LastSite);
    }

    [DllImport("libc", EntryPoint = "mprotect", SetLastError = true)]
    private static extern int Mprotect(void* address, nuint length, int protection);

    [DllImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static extern int EventFdNative(uint initial, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    private static int EventFd(uint initial, int flags)
    {
        int fd = EventFdNative(initial, flags);
        Assert.True(fd >= 0, "eventfd failed");
        return fd;
    }
}
