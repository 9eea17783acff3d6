using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Upstream;

/// <summary>
/// One type per descriptor kind: a partition request is a method of <c>GuestPartition</c> only, a VP request of
/// <c>VirtualProcessor</c> only, and MSHV_ROOT_HVCALL of both, as the driver accepts it. Checked by compiling user code.
/// </summary>
public sealed class DescriptorKindApiTests
{
    private const string Prelude = """
        using System;
        using Mshv.Interop.Upstream;
        using Mshv.Runtime;
        using Mshv.Upstream;
        static class Use
        {
            static void Call(MshvRoot root, GuestPartition partition, VirtualProcessor vp, MemoryMapping memory)
            {
                mshv_root_hvcall hvcall = default; mshv_run_vp message = default; mshv_create_vp create = default;
        """;

    [Fact]
    public void Each_kind_compiles_its_own_requests_and_both_take_the_root_hypercall() =>
        Assert.Empty(Errors("""
            root.CreatePartition(PartitionFeatures.Lapic).Dispose();
            partition.Initialize(); partition.MapMemory(0, memory, GuestMemoryAccess.Write); partition.UnmapMemory(0);
            partition.CreateVirtualProcessor(0).Dispose(); partition.AssignIrqfd(3, 1); partition.AssignIoeventfd(3, 0x1000, 4);
            partition.GetAccessBitmap(GuestPageAccess.Dirty, 0, 8, new byte[1], GuestPageAccessAfterRead.Clear);
            vp.Run(); vp.GetState(VpStateKind.Lapic, memory); vp.SetState(VpStateKind.Lapic, memory);
            partition.Hypercall(0x44, new byte[8], Span<byte>.Empty); vp.Hypercall(0x44, new byte[8], Span<byte>.Empty);
            """));

    [Theory]
    [InlineData("vp.Initialize();")]
    [InlineData("vp.MapMemory(0, memory, GuestMemoryAccess.Write);")]
    [InlineData("vp.CreateVirtualProcessor(1);")]
    [InlineData("vp.SetMsiRouting(ReadOnlySpan<Mshv.Interop.Upstream.mshv_user_irq_entry>.Empty);")]
    [InlineData("partition.Run();")]
    [InlineData("partition.GetState(VpStateKind.Lapic, memory);")]
    [InlineData("root.Initialize();")]
    [InlineData("root.Hypercall(0x44, new byte[8], Span<byte>.Empty);")]
    public void A_request_of_another_descriptor_kind_does_not_compile(string call)
    {
        string[] errors = Errors(call);

        // Only "no such member" (a typo elsewhere would fail differently).
        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Contains("error CS1061:", error, System.StringComparison.Ordinal));
    }

    [Fact]
    public void Each_handle_is_of_its_kind_and_the_root_hypercall_compiles_on_partition_and_vp_handles() =>
        Assert.Empty(Errors("""
            partition.Handle.Ioctl(MshvIoctls.MSHV_ROOT_HVCALL, ref hvcall); vp.Handle.Ioctl(MshvIoctls.MSHV_ROOT_HVCALL, ref hvcall);
            partition.Handle.Ioctl(MshvIoctls.MSHV_INITIALIZE_PARTITION); vp.Handle.Ioctl(MshvIoctls.MSHV_RUN_VP, ref message);
            root.Handle.Ioctl(MshvIoctls.MSHV_CHECK_EXTENSION, 0u);
            FileDescriptorHandle<MshvFdKinds.System> system = root.Handle;
            FileDescriptorHandle<MshvFdKinds.Partition> partitionHandle = partition.Handle;
            FileDescriptorHandle<MshvFdKinds.Vp> vpHandle = vp.Handle;
            """));

    [Theory]
    [InlineData("vp.Handle.Ioctl(MshvIoctls.MSHV_INITIALIZE_PARTITION);")]
    [InlineData("vp.Handle.Ioctl(MshvIoctls.MSHV_CREATE_VP, in create);")]
    [InlineData("partition.Handle.Ioctl(MshvIoctls.MSHV_RUN_VP, ref message);")]
    [InlineData("root.Handle.Ioctl(MshvIoctls.MSHV_INITIALIZE_PARTITION);")]
    [InlineData("root.Handle.Ioctl(MshvIoctls.MSHV_ROOT_HVCALL, ref hvcall);")]
    public void A_handle_request_of_another_descriptor_kind_does_not_compile(string call)
    {
        string[] errors = Errors(call);

        // The kind set's constraint fails (CS0311/CS0315) or no overload takes the descriptor (CS1503): never another error.
        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Matches("error CS(0311|0315|1503):", error));
    }

    private static string[] Errors(string body) =>
        InMemoryCompilation.Errors(Prelude + body + "} }", typeof(Mshv.Upstream.MshvRoot));
}
