using System;
using Mshv.Interop.Rfc;
using Mshv.Tests.Runtime.Infrastructure;
using Xunit;

namespace Mshv.Tests.Runtime;

[Collection(DriverDoubleCollection.Name)]
public sealed class AllocationTests
{
    [Fact]
    public void A_successful_ioctl_allocates_no_managed_memory()
    {
        uint version = MshvConstants.MSHV_VERSION;
        using (MshvDevice warmUp = MshvDevice.Open())
        {
            warmUp.Handle.Ioctl(MshvIoctls.MSHV_REQUEST_VERSION, in version);
        }

        using MshvDevice device = MshvDevice.Open();
        long before = GC.GetAllocatedBytesForCurrentThread();
        int result = device.Handle.Ioctl(MshvIoctls.MSHV_REQUEST_VERSION, in version);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, result);
        Assert.Equal(0, allocated);
    }
}
