using System;
using System.Collections.Generic;
using System.Threading;
using Mshv.Interop.Upstream;
using Mshv.Runtime;

namespace Mshv.Upstream;

/// <summary>
/// A guest partition: owns the descriptor MSHV_CREATE_PARTITION returned (rust-vmm's <c>VmFd</c>). Its methods are the
/// partition requests of the upstream driver; VP requests live on <see cref="VirtualProcessor"/>, so a partition request
/// sent to a VP (or the reverse) does not compile.
/// </summary>
/// <remarks>
/// Guest memory given to <see cref="MapMemory"/> is referenced until it is unmapped or the partition is disposed, so
/// disposing the <see cref="MemoryMapping"/> early defers its munmap: the guest never sees an address range this process
/// reused for something else. The driver keeps the partition alive while a VP descriptor is open.
/// </remarks>
public sealed unsafe class GuestPartition : IDisposable
{
    private readonly Dictionary<ulong, (MemoryMapping Memory, ulong Size)> mapped = new();
    private int disposed;

    internal GuestPartition(FileDescriptorHandle<MshvFdKinds.Partition> handle) => Handle = handle;

    /// <summary>The partition descriptor (partition kind: VP and device requests do not compile on it), for requests this class does not wrap.</summary>
    public FileDescriptorHandle<MshvFdKinds.Partition> Handle { get; }

    /// <summary>MSHV_INITIALIZE_PARTITION: "early" properties are set before it; VPs and memory normally after it.</summary>
    /// <remarks>The driver answers 0 again for a partition it already initialized.</remarks>
    public void Initialize() => Handle.Ioctl(MshvIoctls.MSHV_INITIALIZE_PARTITION);

    /// <summary>MSHV_CREATE_VP, then maps the VP's register page and intercept message page.</summary>
    /// <exception cref="IoctlException">EEXIST for an index in use, EINVAL for one out of range, and so on.</exception>
    public VirtualProcessor CreateVirtualProcessor(uint index)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        mshv_create_vp request = default;
        request.vp_index = index;
        FileDescriptorHandle<MshvFdKinds.Vp> vp =
            FileDescriptorHandle<MshvFdKinds.Vp>.CreateBy(Handle, MshvIoctls.MSHV_CREATE_VP, in request, UpstreamErrors.VirtualProcessor);
        try
        {
            return VirtualProcessor.Map(vp, index);
        }
        catch
        {
            vp.Dispose();
            throw;
        }
    }

    /// <summary>
    /// MSHV_SET_GUEST_MEMORY: makes all of <paramref name="memory"/> guest memory from guest physical address
    /// <paramref name="guestPhysicalAddress"/>, which must be page-aligned (checked here, before the call).
    /// </summary>
    /// <exception cref="ArgumentException">The address or the mapping's length is not a multiple of MSHV_HV_PAGE_SIZE.</exception>
    /// <exception cref="IoctlException">EEXIST when it overlaps a mapped region, and so on.</exception>
    public void MapMemory(ulong guestPhysicalAddress, MemoryMapping memory, GuestMemoryAccess access)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        mshv_user_mem_region region = Region(guestPhysicalAddress, memory, (byte)access);
        bool added = false;
        memory.DangerousAddRef(ref added);
        try
        {
            lock (mapped)
            {
                // The driver refuses a region overlapping another (EEXIST), so a start frame is never mapped twice.
                Handle.Ioctl(MshvIoctls.MSHV_SET_GUEST_MEMORY, in region);
                mapped[region.guest_pfn] = (memory, region.size);
            }
        }
        catch
        {
            memory.DangerousRelease();
            throw;
        }
    }

    /// <summary>MSHV_SET_GUEST_MEMORY with MSHV_SET_MEM_BIT_UNMAP: removes a region mapped by <see cref="MapMemory"/>, exactly as mapped.</summary>
    /// <exception cref="ArgumentException">No region was mapped by this object at that address.</exception>
    public void UnmapMemory(ulong guestPhysicalAddress)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        lock (mapped)
        {
            ulong pfn = guestPhysicalAddress / MshvConstants.MSHV_HV_PAGE_SIZE;
            if (guestPhysicalAddress % MshvConstants.MSHV_HV_PAGE_SIZE != 0 || !mapped.TryGetValue(pfn, out var entry))
            {
                throw new ArgumentException($"no region was mapped at guest physical address 0x{guestPhysicalAddress:X}", nameof(guestPhysicalAddress));
            }

            mshv_user_mem_region region = Region(guestPhysicalAddress, entry.Memory, (byte)(1 << (int)MshvConstants.MSHV_SET_MEM_BIT_UNMAP));
            Handle.Ioctl(MshvIoctls.MSHV_SET_GUEST_MEMORY, in region);
            mapped.Remove(pfn);
            entry.Memory.DangerousRelease();
        }
    }

    /// <summary>MSHV_IRQFD: signalling <paramref name="eventFd"/> injects the interrupt routed for <paramref name="gsi"/>.</summary>
    /// <param name="eventFd">An eventfd descriptor.</param>
    /// <param name="gsi">The global system interrupt (see <see cref="SetMsiRouting(ReadOnlySpan{mshv_user_irq_entry})"/>).</param>
    /// <param name="resampleFd">With level-triggered interrupts: an eventfd the driver signals when the guest acknowledges.</param>
    public void AssignIrqfd(int eventFd, uint gsi, int? resampleFd = null)
    {
        mshv_user_irqfd request = default;
        request.fd = eventFd;
        request.gsi = gsi;
        if (resampleFd is int resample)
        {
            request.resamplefd = resample;
            request.flags = 1u << (int)MshvConstants.MSHV_IRQFD_BIT_RESAMPLE;
        }

        Handle.Ioctl(MshvIoctls.MSHV_IRQFD, in request);
    }

    /// <summary>MSHV_IRQFD with MSHV_IRQFD_BIT_DEASSIGN.</summary>
    public void DeassignIrqfd(int eventFd, uint gsi)
    {
        mshv_user_irqfd request = default;
        request.fd = eventFd;
        request.gsi = gsi;
        request.flags = 1u << (int)MshvConstants.MSHV_IRQFD_BIT_DEASSIGN;
        Handle.Ioctl(MshvIoctls.MSHV_IRQFD, in request);
    }

    /// <summary>MSHV_IOEVENTFD: a guest write of <paramref name="length"/> bytes at MMIO <paramref name="address"/>
    /// (matching <paramref name="datamatch"/> when given) signals <paramref name="eventFd"/> instead of exiting.</summary>
    /// <param name="eventFd">An eventfd descriptor.</param>
    /// <param name="address">The guest MMIO address.</param>
    /// <param name="length">0 (any size), 1, 2, 4 or 8.</param>
    /// <param name="datamatch">Signal only for writes of this value; null for any value.</param>
    public void AssignIoeventfd(int eventFd, ulong address, uint length, ulong? datamatch = null) =>
        Handle.Ioctl(MshvIoctls.MSHV_IOEVENTFD, Ioeventfd(eventFd, address, length, datamatch, deassign: false));

    /// <summary>MSHV_IOEVENTFD with MSHV_IOEVENTFD_BIT_DEASSIGN: the same arguments as the assignment.</summary>
    public void DeassignIoeventfd(int eventFd, ulong address, uint length, ulong? datamatch = null) =>
        Handle.Ioctl(MshvIoctls.MSHV_IOEVENTFD, Ioeventfd(eventFd, address, length, datamatch, deassign: true));

    /// <summary>MSHV_SET_MSI_ROUTING: replaces the partition's MSI routing table with <paramref name="entries"/> (empty clears it).</summary>
    /// <remarks>
    /// <c>struct mshv_user_irq_table</c> ends in a flexible array: the entries go through a
    /// <see cref="FlexibleArrayBuffer{THeader, TElement}"/> whose <c>nr</c> is the span's length, so the driver reads
    /// exactly what was allocated.
    /// </remarks>
    public void SetMsiRouting(ReadOnlySpan<mshv_user_irq_entry> entries)
    {
        var routes = new FlexibleArrayBuffer<mshv_user_irq_table, mshv_user_irq_entry>(entries.Length);
        entries.CopyTo(routes.Elements);
        SetMsiRouting(routes);
    }

    /// <summary>MSHV_SET_MSI_ROUTING with a routing table the caller keeps (its count is checked against its capacity).</summary>
    public void SetMsiRouting(FlexibleArrayBuffer<mshv_user_irq_table, mshv_user_irq_entry> routes) =>
        Handle.Ioctl(MshvIoctls.MSHV_SET_MSI_ROUTING, routes);

    /// <summary>
    /// MSHV_GET_GPAP_ACCESS_BITMAP: one bit per guest page from <paramref name="firstGuestPfn"/> (bit i of byte i / 8), then
    /// optionally clears or sets the states (dirty-page logging).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="bitmap"/> is shorter than (pageCount + 7) / 8 bytes.</exception>
    public void GetAccessBitmap(GuestPageAccess access, ulong firstGuestPfn, ulong pageCount, Span<byte> bitmap, GuestPageAccessAfterRead after)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pageCount);
        // The driver writes (page_count + 7) / 8 bytes: the span must hold them, or the kernel would write past it.
        // Rounded up without the + 7, which wraps to 0 bytes for the last 7 page counts.
        ulong bitmapBytes = pageCount / 8 + ((pageCount & 7) == 0 ? 0ul : 1ul);
        if ((ulong)bitmap.Length < bitmapBytes)
        {
            throw new ArgumentException($"{pageCount} pages need {bitmapBytes} bitmap bytes; the span has {bitmap.Length}", nameof(bitmap));
        }

        mshv_gpap_access_bitmap request = default;
        request.access_type = (byte)access;
        request.access_op = (byte)after;
        request.page_count = pageCount;
        request.gpap_base = firstGuestPfn;
        fixed (byte* pointer = bitmap)
        {
            request.bitmap_ptr = (ulong)pointer;
            Handle.Ioctl(MshvIoctls.MSHV_GET_GPAP_ACCESS_BITMAP, ref request);
        }
    }

    /// <summary>MSHV_ROOT_HVCALL on the partition: a pass-through hypercall (the driver fills in the partition id).</summary>
    /// <param name="code">The hypercall code (HVCALL_*); the driver accepts only those whose input starts with a partition id.</param>
    /// <param name="input">8..4096 bytes of hypercall input.</param>
    /// <param name="output">Up to 4096 bytes for the output (empty for none).</param>
    /// <param name="reps">The rep count of a rep hypercall, else 0.</param>
    public HypercallResult Hypercall(ushort code, ReadOnlySpan<byte> input, Span<byte> output, ushort reps = 0) =>
        RootHypercall.Invoke(Handle, code, input, output, reps);

    /// <summary>Closes the descriptor (the driver keeps the partition while VPs are open) and releases guest memory references.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        Handle.Dispose();
        lock (mapped)
        {
            foreach (var entry in mapped.Values)
            {
                entry.Memory.DangerousRelease();
            }

            mapped.Clear();
        }
    }

    private static mshv_user_mem_region Region(ulong guestPhysicalAddress, MemoryMapping memory, byte flags)
    {
        ulong page = MshvConstants.MSHV_HV_PAGE_SIZE;
        if (guestPhysicalAddress % page != 0)
        {
            throw new ArgumentException($"guest physical address 0x{guestPhysicalAddress:X} is not a multiple of MSHV_HV_PAGE_SIZE ({page})", nameof(guestPhysicalAddress));
        }

        if (memory.Length == 0 || (ulong)memory.Length % page != 0)
        {
            throw new ArgumentException($"guest memory of {memory.Length} bytes is not a whole number of {page}-byte pages", nameof(memory));
        }

        mshv_user_mem_region region = default;
        region.size = memory.Length;
        region.guest_pfn = guestPhysicalAddress / page;
        region.userspace_addr = (ulong)memory.Address; // mmap returns page-aligned addresses
        region.flags = flags;
        return region;
    }

    private static mshv_user_ioeventfd Ioeventfd(int eventFd, ulong address, uint length, ulong? datamatch, bool deassign)
    {
        mshv_user_ioeventfd request = default;
        request.fd = eventFd;
        request.addr = address;
        request.len = length;
        if (datamatch is ulong value)
        {
            request.datamatch = value;
            request.flags |= 1u << (int)MshvConstants.MSHV_IOEVENTFD_BIT_DATAMATCH;
        }

        if (deassign)
        {
            request.flags |= 1u << (int)MshvConstants.MSHV_IOEVENTFD_BIT_DEASSIGN;
        }

        return request;
    }
}
