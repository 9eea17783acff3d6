using System;
using Mshv.Ioctls;
using Xunit;

namespace Mshv.Tests.Runtime;

/// <summary>
/// A typed descriptor cannot be made for a request that encodes more bytes than its T: a driver copying _IOC_SIZE
/// bytes (as DRM's and many others do) would write past the caller's T.
/// </summary>
public sealed class DescriptorSizeTests
{
    private const uint ReadsFourBytes = 0x8004b801;      // _IOR(0xb8, 1, __u32)
    private const uint ReadsThirtyTwoBytes = 0x8020b801; // _IOR(0xb8, 1, char[32])

    [Fact]
    public void A_request_encoding_more_than_sizeof_T_is_refused_by_every_typed_descriptor()
    {
        Assert.Contains("encodes an argument of 32 bytes, more than the 4 of UInt32",
            Assert.Throws<ArgumentException>(() => new IoctlRead<uint>("GET_BIG", ReadsThirtyTwoBytes)).Message);
        Assert.Throws<ArgumentException>(() => new IoctlReadWrite<uint>("GET_BIG", ReadsThirtyTwoBytes));
        Assert.Throws<ArgumentException>(() => new IoctlWrite<uint>("SET_BIG", ReadsThirtyTwoBytes));
        Assert.Throws<ArgumentException>(() => new IoctlRead<uint, object>("GET_BIG", ReadsThirtyTwoBytes));
        Assert.Throws<ArgumentException>(() => new IoctlReadWrite<uint, object>("GET_BIG", ReadsThirtyTwoBytes));
        Assert.Throws<ArgumentException>(() => new IoctlWrite<uint, object>("SET_BIG", ReadsThirtyTwoBytes));
    }

    [Fact]
    public void A_request_encoding_at_most_sizeof_T_is_taken_as_it_is()
    {
        Assert.Equal(ReadsFourBytes, new IoctlRead<uint>("GET", ReadsFourBytes).Request);
        // Smaller is safe (the v2 partition payload rides the v1 request number, which says 16 bytes).
        Assert.Equal(ReadsThirtyTwoBytes, new IoctlReadWrite<Mshv.Interop.Upstream.mshv_create_partition_v2>("GET", ReadsThirtyTwoBytes).Request);
        Assert.Equal(0u, default(IoctlRead<byte>).Request);
    }
}
