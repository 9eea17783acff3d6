using Mshv.Interop.Rfc;
using Mshv.Runtime;
using Mshv.Tests.Runtime.Infrastructure;
using Xunit;

namespace Mshv.Tests.Runtime;

[Collection(DriverDoubleCollection.Name)]
public sealed class VersionNegotiationTests
{
    [Fact]
    public void CreatePartition_before_RequestVersion_fails_with_EBADFD_telling_to_call_RequestVersion_first()
    {
        using MshvDevice device = MshvDevice.Open();

        IoctlException error = Assert.Throws<IoctlException>(() => device.CreatePartition());

        Assert.Equal(Errno.EBADFD, error.Errno);
        Assert.Equal("EBADFD", error.ErrnoName);
        Assert.Equal(MshvIoctls.MSHV_CREATE_PARTITION.Name, error.Operation);
        Assert.Contains("call RequestVersion", error.Message);
        Assert.Equal(0, MshvDouble.PartitionCount);
    }

    [Fact]
    public void RequestVersion_with_the_headers_version_succeeds_and_is_remembered()
    {
        using MshvDevice device = MshvDevice.Open();
        Assert.Null(device.NegotiatedVersion);

        device.RequestVersion();

        Assert.Equal((uint)MshvConstants.MSHV_VERSION, device.NegotiatedVersion);
        using MshvPartition partition = device.CreatePartition();
        Assert.Equal(2, MshvDouble.KindOf(partition.Handle.FileDescriptor));
    }

    [Fact]
    public void RequestVersion_twice_on_one_open_fails_with_EBADFD_saying_once_per_open()
    {
        using MshvDevice device = MshvDevice.Open();
        device.RequestVersion();

        IoctlException error = Assert.Throws<IoctlException>(() => device.RequestVersion());

        Assert.Equal(Errno.EBADFD, error.Errno);
        Assert.Equal(MshvIoctls.MSHV_REQUEST_VERSION.Name, error.Operation);
        Assert.Contains("only once per open", error.Message);
    }

    [Fact]
    public void Each_open_negotiates_on_its_own()
    {
        using MshvDevice negotiated = MshvDevice.Open();
        using MshvDevice fresh = MshvDevice.Open();
        negotiated.RequestVersion();

        using MshvPartition partition = negotiated.CreatePartition();
        IoctlException error = Assert.Throws<IoctlException>(() => fresh.CreatePartition());

        Assert.Equal(Errno.EBADFD, error.Errno);
        fresh.RequestVersion();
        using MshvPartition second = fresh.CreatePartition();
        Assert.Equal(2, MshvDouble.PartitionCount);
    }

    [Fact]
    public void Unsupported_version_fails_with_the_kernel_internal_ENOTSUPP_and_leaves_the_open_unnegotiated()
    {
        using MshvDevice device = MshvDevice.Open();

        IoctlException error = Assert.Throws<IoctlException>(() => device.RequestVersion(MshvConstants.MSHV_VERSION + 1));

        Assert.Equal(MshvDouble.Enotsupp, error.Errno);
        Assert.Equal("ENOTSUPP", error.ErrnoName);
        Assert.Contains("does not support the requested interface version", error.Message);
        Assert.Null(device.NegotiatedVersion);
        device.RequestVersion();
        Assert.Equal((uint)MshvConstants.MSHV_VERSION, device.NegotiatedVersion);
    }
}
