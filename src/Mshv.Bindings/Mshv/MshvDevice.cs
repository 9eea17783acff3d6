using System;
using Mshv.Interop.Rfc;
using Mshv.Runtime;

namespace Mshv;

/// <summary>An open <c>/dev/mshv</c>: negotiates the interface version and creates partitions.</summary>
/// <remarks>
/// Mirrors the seed driver: every open starts un-negotiated; <see cref="RequestVersion"/> must succeed once
/// before any other request (the driver answers EBADFD otherwise) and cannot be repeated on the same open.
/// Thread-safe; disposing while another thread is in a call closes the descriptor when that call returns.
/// </remarks>
public sealed class MshvDevice : IDisposable
{
    /// <summary>Where the driver's misc device appears.</summary>
    public const string DefaultPath = "/dev/mshv";

    private uint negotiated = uint.MaxValue;

    private MshvDevice(FileDescriptorHandle handle) => Handle = handle;

    /// <summary>The device descriptor, for requests this class does not wrap.</summary>
    public FileDescriptorHandle Handle { get; }

    /// <summary>The version negotiated on this open, or <see langword="null"/> before <see cref="RequestVersion"/>.</summary>
    public uint? NegotiatedVersion
    {
        get
        {
            uint value = System.Threading.Volatile.Read(ref negotiated);
            return value == uint.MaxValue ? null : value;
        }
    }

    /// <summary>Opens the device read-write and close-on-exec.</summary>
    /// <exception cref="IoctlException">ENOENT when this machine is not a Hyper-V root partition, and so on.</exception>
    public static MshvDevice Open(string path = DefaultPath) =>
        new(FileDescriptorHandle.Open(path, MshvDeviceErrors.Instance));

    /// <summary>MSHV_REQUEST_VERSION: locks this open to <paramref name="version"/>; allowed once per open.</summary>
    public void RequestVersion(uint version = MshvConstants.MSHV_VERSION)
    {
        Handle.Ioctl(MshvIoctls.MSHV_REQUEST_VERSION, in version);
        System.Threading.Volatile.Write(ref negotiated, version);
    }

    /// <summary>MSHV_CREATE_PARTITION with the given flags and creation properties.</summary>
    public MshvPartition CreatePartition(PartitionCreationFlags flags, in hv_partition_creation_properties properties)
    {
        mshv_create_partition request = default;
        request.flags = (ulong)flags;
        request.partition_creation_properties = properties;
        return CreatePartition(in request);
    }

    /// <summary>MSHV_CREATE_PARTITION with no flags and no disabled processor features.</summary>
    public MshvPartition CreatePartition() => CreatePartition(PartitionCreationFlags.None, default);

    /// <summary>MSHV_CREATE_PARTITION with the raw generated request struct.</summary>
    public MshvPartition CreatePartition(in mshv_create_partition request) =>
        new(Handle.IoctlNewDescriptor(MshvIoctls.MSHV_CREATE_PARTITION, in request, MshvPartitionErrors.Instance));

    /// <inheritdoc/>
    public void Dispose() => Handle.Dispose();
}
