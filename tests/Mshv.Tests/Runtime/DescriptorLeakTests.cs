using System.IO;
using Mshv.Tests.Runtime.Infrastructure;
using Xunit;

namespace Mshv.Tests.Runtime;

[Collection(DriverDoubleCollection.Name)]
public sealed class DescriptorLeakTests
{
    private const int Cycles = 10_000;

    [Fact]
    public void Ten_thousand_create_and_dispose_cycles_leave_no_descriptor_open()
    {
        using (MshvDevice warmUp = MshvDevice.Open())
        {
            warmUp.RequestVersion();
            warmUp.CreatePartition().Dispose();
        }

        int before = OpenDescriptors();
        using (MshvDevice device = MshvDevice.Open())
        {
            device.RequestVersion();
            for (int i = 0; i < Cycles; i++)
            {
                using MshvPartition partition = device.CreatePartition();
            }

            Assert.Equal(0, MshvDouble.PartitionCount);
        }

        Assert.Equal(before, OpenDescriptors());
    }

    [Fact]
    public void Ten_thousand_open_negotiate_and_dispose_cycles_leave_no_descriptor_open()
    {
        MshvDevice.Open().Dispose();
        int before = OpenDescriptors();

        for (int i = 0; i < Cycles; i++)
        {
            using MshvDevice device = MshvDevice.Open();
            device.RequestVersion();
        }

        Assert.Equal(before, OpenDescriptors());
    }

    private static int OpenDescriptors() => Directory.GetFiles("/proc/self/fd").Length;
}
