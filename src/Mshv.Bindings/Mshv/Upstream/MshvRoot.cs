using System;
using Mshv.Interop.Upstream;
using Mshv.Ioctls;
using Mshv.Runtime;

namespace Mshv.Upstream;

/// <summary>
/// An open <c>/dev/mshv</c> of the upstream root driver (Linux 6.15+, <c>mshv_root</c>): creates guest partitions
/// (rust-vmm's <c>Mshv</c>). The device keeps no state per open; its only request is MSHV_CREATE_PARTITION.
/// </summary>
/// <remarks>Thread-safe; disposing while another thread is in a call closes the descriptor when that call returns.</remarks>
public sealed class MshvRoot : IDisposable
{
    /// <summary>Where the driver's misc device appears.</summary>
    public const string DefaultPath = "/dev/mshv";

    // The v2 payload travels on the v1 request number (its _IOW size says 16 bytes): the driver copies the 16 bytes,
    // sees MSHV_PT_BIT_CPU_AND_XSAVE_FEATURES and only then copies the whole struct. Same number, larger argument.
    private static readonly IoctlWrite<mshv_create_partition_v2, MshvFdKinds.System> CreatePartitionV2 =
        new(MshvIoctls.MSHV_CREATE_PARTITION.Name + " (mshv_create_partition_v2)", MshvIoctls.MSHV_CREATE_PARTITION.Request);

    private MshvRoot(FileDescriptorHandle<MshvFdKinds.System> handle) => Handle = handle;

    /// <summary>The device descriptor (system kind: partition and VP requests do not compile on it), for requests this class does not wrap.</summary>
    public FileDescriptorHandle<MshvFdKinds.System> Handle { get; }

    /// <summary>Opens the device read-write and close-on-exec.</summary>
    /// <exception cref="IoctlException">ENOENT when this machine is not a Hyper-V root partition, and so on.</exception>
    public static MshvRoot Open(string path = DefaultPath) => new(FileDescriptorHandle<MshvFdKinds.System>.Open(path, UpstreamErrors.Device));

    /// <summary>MSHV_CREATE_PARTITION with the v1 struct: every processor feature the hypervisor supports is enabled.</summary>
    /// <exception cref="ArgumentException"><paramref name="features"/> includes the bit that selects the v2 struct.</exception>
    public GuestPartition CreatePartition(PartitionFeatures features = PartitionFeatures.None)
    {
        mshv_create_partition request = default;
        request.pt_flags = (ulong)features;
        request.pt_isolation = MshvConstants.MSHV_PT_ISOLATION_NONE;
        return CreatePartition(in request);
    }

    /// <summary>
    /// MSHV_CREATE_PARTITION with the <c>mshv_create_partition_v2</c> payload: the processor feature banks and XSAVE
    /// features to <em>disable</em> are passed through to the hypervisor as they are.
    /// </summary>
    /// <param name="features">The partition flags.</param>
    /// <param name="disabledProcessorFeatureBanks">Exactly <c>MSHV_NUM_CPU_FEATURES_BANKS</c> banks (a set bit disables a feature).</param>
    /// <param name="disabledXsaveFeatures">XSAVE features to disable (x86-64; the driver ignores it on arm64).</param>
    /// <exception cref="ArgumentException">The bank count is not the header's; the driver would answer EINVAL.</exception>
    public GuestPartition CreatePartition(PartitionFeatures features, ReadOnlySpan<ulong> disabledProcessorFeatureBanks, ulong disabledXsaveFeatures)
    {
        if (disabledProcessorFeatureBanks.Length != MshvConstants.MSHV_NUM_CPU_FEATURES_BANKS)
        {
            throw new ArgumentException(
                $"the driver takes exactly MSHV_NUM_CPU_FEATURES_BANKS ({MshvConstants.MSHV_NUM_CPU_FEATURES_BANKS}) feature banks",
                nameof(disabledProcessorFeatureBanks));
        }

        mshv_create_partition_v2 request = default;
        request.pt_flags = (ulong)features | (1ul << (int)MshvConstants.MSHV_PT_BIT_CPU_AND_XSAVE_FEATURES);
        request.pt_isolation = MshvConstants.MSHV_PT_ISOLATION_NONE;
        request.pt_num_cpu_fbanks = (ushort)MshvConstants.MSHV_NUM_CPU_FEATURES_BANKS;
        disabledProcessorFeatureBanks.CopyTo(request.pt_cpu_fbanks.AsSpan());
        request.pt_disabled_xsave = disabledXsaveFeatures;
        return CreatePartition(in request);
    }

    /// <summary>MSHV_CREATE_PARTITION with the raw v1 struct.</summary>
    /// <exception cref="ArgumentException"><c>MSHV_PT_BIT_CPU_AND_XSAVE_FEATURES</c> is set: the driver would then read the
    /// 64-byte v2 struct from this 16-byte one (use the v2 overloads).</exception>
    public GuestPartition CreatePartition(in mshv_create_partition request)
    {
        if (SelectsV2(request.pt_flags))
        {
            throw new ArgumentException(
                "pt_flags includes 1 << MSHV_PT_BIT_CPU_AND_XSAVE_FEATURES, which makes the driver read a v2 struct past this v1 one:"
                + " pass an mshv_create_partition_v2", nameof(request));
        }

        return new(FileDescriptorHandle<MshvFdKinds.Partition>.CreateBy(Handle, MshvIoctls.MSHV_CREATE_PARTITION, in request, UpstreamErrors.Partition));
    }

    /// <summary>MSHV_CREATE_PARTITION with the raw v2 struct, on the v1 request number as the driver expects.</summary>
    /// <exception cref="ArgumentException"><c>MSHV_PT_BIT_CPU_AND_XSAVE_FEATURES</c> is not set: the driver would read only the v1 part.</exception>
    public GuestPartition CreatePartition(in mshv_create_partition_v2 request)
    {
        if (!SelectsV2(request.pt_flags))
        {
            throw new ArgumentException(
                "pt_flags must include 1 << MSHV_PT_BIT_CPU_AND_XSAVE_FEATURES for the driver to read the v2 payload", nameof(request));
        }

        return new(FileDescriptorHandle<MshvFdKinds.Partition>.CreateBy(Handle, CreatePartitionV2, in request, UpstreamErrors.Partition));
    }

    /// <inheritdoc/>
    public void Dispose() => Handle.Dispose();

    /// <summary>The flag that makes the driver copy the 64-byte v2 struct after reading the 16-byte v1 part.</summary>
    private static bool SelectsV2(ulong flags) => (flags & (1ul << (int)MshvConstants.MSHV_PT_BIT_CPU_AND_XSAVE_FEATURES)) != 0;
}
