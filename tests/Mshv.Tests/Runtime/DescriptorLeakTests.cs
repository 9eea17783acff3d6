using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Tests.Infrastructure;
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

        var before = OpenDescriptors.Snapshot();
        var doubleBefore = OpenDescriptors.Snapshot(IsEventDescriptor);
        using (MshvDevice device = MshvDevice.Open())
        {
            device.RequestVersion();
            Assert.Single(OpenDescriptors.Snapshot(IsEventDescriptor).Except(doubleBefore));
            for (int i = 0; i < Cycles; i++)
            {
                using MshvPartition partition = device.CreatePartition();
            }

            Assert.Equal(0, MshvDouble.PartitionCount);
        }

        OpenDescriptors.AssertNoneAdded(doubleBefore, OpenDescriptors.Snapshot(IsEventDescriptor));
        OpenDescriptors.AssertNoneAdded(before, OpenDescriptors.Snapshot());
    }

    [Fact]
    public void Ten_thousand_open_negotiate_and_dispose_cycles_leave_no_descriptor_open()
    {
        MshvDevice.Open().Dispose();
        var before = OpenDescriptors.Snapshot();

        for (int i = 0; i < Cycles; i++)
        {
            using MshvDevice device = MshvDevice.Open();
            device.RequestVersion();
        }

        OpenDescriptors.AssertNoneAdded(before, OpenDescriptors.Snapshot());
    }

    /// <summary>The double's fake devices and partitions are eventfds.</summary>
    private static bool IsEventDescriptor(string target) => target == "anon_inode:[eventfd]";
}
