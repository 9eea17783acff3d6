using System;
using System.Buffers.Binary;
using System.Linq;
using Mshv.Interop.Upstream;
using Mshv.Runtime;
using Mshv.Tests.Runtime.Infrastructure;
using Mshv.Upstream;
using Xunit;

namespace Mshv.Tests.Upstream;

/// <summary>
/// A guest's whole life through the C# API against the C double of the upstream driver: every step is checked on the
/// C side, byte for byte, from what the double decoded with the C compiler's layout of the fetched linux/mshv.h.
/// </summary>
[Collection(DriverDoubleCollection.Name)]
public sealed class UpstreamLifecycleTests
{
    // Scripted hypervisor messages (struct hv_message: a 16-byte header, then the payload). These layouts are the
    // hypervisor's (hvhdk.h), not uapi: the test writes them as data and reads back only what it wrote.
    private const uint HvMessageX64IoPortIntercept = 0x80010000;
    private const uint HvMessageX64Halt = 0x80000007;
    private const int PayloadOffset = 16;
    private const int IoPortOffset = PayloadOffset + 40; // after struct hv_x64_intercept_message_header
    private const int IoRaxOffset = PayloadOffset + 48;
    private const int RipOffset = PayloadOffset + 24;
    private const ushort HvcallSetVpRegisters = 0x0051;
    private const uint HvX64RegisterRip = 0x00020010;

    [Fact]
    public void Guest_lifecycle_create_initialize_map_run_until_port_io_answer_state_unmap_dispose()
    {
        using var route = UpstreamDouble.Serve();
        int partitionFd, vpFd;
        ulong page = UpstreamDouble.Value("MSHV_HV_PAGE_SIZE");

        using (MshvRoot root = MshvRoot.Open())
        {
            Assert.Equal(UpstreamDouble.KindDevice, UpstreamDouble.KindOf(root.Handle.FileDescriptor));

            // 1. Create, with the v2 payload: C decoded every byte we meant.
            ulong[] banks = { 0x0123_4567_89AB_CDEFul, 0xFEDC_BA98_7654_3210ul };
            using GuestPartition partition = root.CreatePartition(PartitionFeatures.Lapic | PartitionFeatures.X2Apic, banks, 0x5Aul);
            partitionFd = partition.Handle.FileDescriptor;
            (mshv_create_partition_v2 created, bool v2) = UpstreamDouble.Created(partitionFd);
            Assert.True(v2);
            mshv_create_partition_v2 expected = default;
            expected.pt_flags = (ulong)(PartitionFeatures.Lapic | PartitionFeatures.X2Apic) | (1ul << (int)MshvConstants.MSHV_PT_BIT_CPU_AND_XSAVE_FEATURES);
            expected.pt_num_cpu_fbanks = (ushort)MshvConstants.MSHV_NUM_CPU_FEATURES_BANKS;
            expected.pt_cpu_fbanks[0] = banks[0];
            expected.pt_cpu_fbanks[1] = banks[1];
            expected.pt_disabled_xsave = 0x5A;
            Assert.Equal(Bytes(expected), Bytes(created));

            // 2. Initialize.
            Assert.False(UpstreamDouble.Initialized(partitionFd));
            partition.Initialize();
            Assert.True(UpstreamDouble.Initialized(partitionFd));

            // 3. Map guest memory holding the guest's code: `out 0x3f8, al; hlt` at guest physical 0x10000.
            using MemoryMapping ram = MemoryMapping.Anonymous((nuint)(4 * page), MemoryProtection.ReadWrite);
            byte[] code = { 0xB0, (byte)'A', 0xE6, 0xF8, 0xF4 }; // mov al,'A'; out 0xf8,al; hlt (port byte is data here)
            ram.CopyFrom(0, code);
            const ulong GuestBase = 0x10000;
            partition.MapMemory(GuestBase, ram, GuestMemoryAccess.ReadWriteExecute);
            mshv_user_mem_region region = Assert.Single(UpstreamDouble.Regions(partitionFd));
            mshv_user_mem_region sent = default;
            sent.size = 4 * page;
            sent.guest_pfn = GuestBase / page;
            unsafe
            {
                sent.userspace_addr = (ulong)ram.Address;
            }

            sent.flags = (byte)GuestMemoryAccess.ReadWriteExecute;
            Assert.Equal(Bytes(sent), Bytes(region));
            Assert.Equal(code, UpstreamDouble.ReadGuest(partitionFd, GuestBase, code.Length));

            // 4. Create the VP and reach its pages through the mappings: what C# writes, C reads, and the reverse.
            using VirtualProcessor vp = partition.CreateVirtualProcessor(0);
            vpFd = vp.Handle.FileDescriptor;
            Assert.Equal(UpstreamDouble.KindVp, UpstreamDouble.KindOf(vpFd));
            Assert.Equal(0u, UpstreamDouble.VpIndex(vpFd));
            Assert.Equal(page, (ulong)vp.RegisterPage.Length);
            byte[] registers = Enumerable.Range(0, 64).Select(i => (byte)(i * 3 + 1)).ToArray();
            vp.RegisterPage.CopyFrom(0, registers);
            Assert.Equal(registers, UpstreamDouble.VpPage(vpFd, (int)MshvConstants.MSHV_VP_MMAP_OFFSET_REGISTERS, 0, registers.Length));
            UpstreamDouble.WriteVpPage(vpFd, (int)MshvConstants.MSHV_VP_MMAP_OFFSET_REGISTERS, 128, new byte[] { 9, 8, 7 });
            Assert.Equal(new byte[] { 9, 8, 7 }, vp.RegisterPage.ToArray(128, 3));

            // 5. Run until the scripted port I/O intercept; the message C wrote is what C# got, and is on the message page.
            byte[] ioIntercept = Message(HvMessageX64IoPortIntercept, port: 0xF8, rax: 'A', rip: GuestBase + 2);
            UpstreamDouble.QueueMessage(vpFd, ioIntercept);
            UpstreamDouble.QueueMessage(vpFd, Message(HvMessageX64Halt, port: 0, rax: 0, rip: GuestBase + 4));
            mshv_run_vp exit = vp.Run();
            byte[] received = exit.msg_buf.AsSpan().ToArray();
            Assert.Equal(ioIntercept, received);
            Assert.Equal(ioIntercept, vp.InterceptMessagePage.ToArray(0, ioIntercept.Length));
            Assert.Equal(HvMessageX64IoPortIntercept, BinaryPrimitives.ReadUInt32LittleEndian(received));
            Assert.Equal(0xF8, BinaryPrimitives.ReadUInt16LittleEndian(received.AsSpan(IoPortOffset)));
            Assert.Equal((ulong)'A', BinaryPrimitives.ReadUInt64LittleEndian(received.AsSpan(IoRaxOffset)));

            // 6. Answer it: advance RIP past the 2-byte OUT with a pass-through HVCALL_SET_VP_REGISTERS on the VP.
            ulong nextRip = BinaryPrimitives.ReadUInt64LittleEndian(received.AsSpan(RipOffset)) + 2;
            byte[] input = SetRegisterInput(vpIndex: 0, HvX64RegisterRip, nextRip);
            HypercallResult answer = vp.Hypercall(HvcallSetVpRegisters, input, Span<byte>.Empty, reps: 1);
            Assert.Equal(0, answer.Status);
            (mshv_root_hvcall call, byte[] seenInput, bool fromVp) = UpstreamDouble.LastHypercall();
            Assert.True(fromVp);
            Assert.Equal(HvcallSetVpRegisters, call.code);
            Assert.Equal(1, call.reps);
            Assert.Equal(input.Length, call.in_sz);
            // The driver wrote the partition id over the first 8 bytes; the rest is ours, byte for byte.
            Assert.Equal(UpstreamDouble.PartitionId(partitionFd), BinaryPrimitives.ReadUInt64LittleEndian(seenInput));
            Assert.Equal(input.AsSpan(8).ToArray(), seenInput.AsSpan(8, input.Length - 8).ToArray());
            Assert.Equal(HvMessageX64Halt, BinaryPrimitives.ReadUInt32LittleEndian(vp.Run().msg_buf.AsSpan()));

            // 7. Set and get VP state (LAPIC): what C# set is what C holds, and a get returns C's bytes.
            using MemoryMapping state = MemoryMapping.Anonymous((nuint)page, MemoryProtection.ReadWrite);
            for (int i = 0; i < (int)page; i++)
            {
                state.Write((nuint)i, (byte)(i * 13 + 5));
            }

            int size = vp.SetState(VpStateKind.Lapic, state);
            Assert.Equal(state.ToArray(0, size), UpstreamDouble.VpState(vpFd, (int)MshvConstants.MSHV_VP_STATE_LAPIC));
            state.Access(static bytes => { bytes.Clear(); return 0; });
            Assert.Equal(size, vp.GetState(VpStateKind.Lapic, state));
            Assert.Equal(UpstreamDouble.VpState(vpFd, (int)MshvConstants.MSHV_VP_STATE_LAPIC), state.ToArray(0, size));

            // 8. Unmap exactly what was mapped.
            partition.UnmapMemory(GuestBase);
            Assert.Empty(UpstreamDouble.Regions(partitionFd));
        }

        // 9. Disposed: the descriptors are closed, the driver dropped the partition with its last reference (the VP's).
        Assert.Equal(0, UpstreamDouble.KindOf(partitionFd));
        Assert.Equal(0, UpstreamDouble.KindOf(vpFd));
        Assert.Equal(0, UpstreamDouble.LivePartitions);
        Assert.Equal(0, UpstreamDouble.LiveVps);
    }

    [Fact]
    public void The_vp_pages_are_unusable_after_the_vp_is_disposed()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        VirtualProcessor vp = partition.CreateVirtualProcessor(1);
        MemoryMapping registers = vp.RegisterPage;
        vp.Dispose();

        Assert.Throws<ObjectDisposedException>(() => registers.Access(static bytes => bytes.Length));
        Assert.Throws<ObjectDisposedException>(() => vp.InterceptMessagePage.Access(static bytes => bytes.Length));
        Assert.Throws<ObjectDisposedException>(() => vp.Run());
    }

    private static byte[] Message(uint type, ushort port, ulong rax, ulong rip)
    {
        byte[] message = new byte[(int)UpstreamDouble.Value("HV_MESSAGE_SIZE")];
        BinaryPrimitives.WriteUInt32LittleEndian(message, type);
        message[4] = 240; // payload_size
        BinaryPrimitives.WriteUInt64LittleEndian(message.AsSpan(RipOffset), rip);
        message[PayloadOffset + 4] = 2; // instruction_length
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(IoPortOffset), port);
        message[IoPortOffset + 2] = 1; // access_info: 1-byte access
        BinaryPrimitives.WriteUInt64LittleEndian(message.AsSpan(IoRaxOffset), rax);
        return message;
    }

    // struct hv_input_set_vp_registers: partition_id, vp_index, input_vtl, rsvd[3], then one hv_register_assoc
    // (name, reserved1, reserved2, value[16]).
    private static byte[] SetRegisterInput(uint vpIndex, uint name, ulong value)
    {
        byte[] input = new byte[16 + 32];
        BinaryPrimitives.WriteUInt32LittleEndian(input.AsSpan(8), vpIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(input.AsSpan(16), name);
        BinaryPrimitives.WriteUInt64LittleEndian(input.AsSpan(32), value);
        return input;
    }

    private static unsafe byte[] Bytes<T>(T value)
        where T : unmanaged =>
        new ReadOnlySpan<byte>(&value, sizeof(T)).ToArray();
}
