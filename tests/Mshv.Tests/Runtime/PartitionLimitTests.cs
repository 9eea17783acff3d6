using System.Collections.Generic;
using System.Linq;
using Mshv.Interop.Rfc;
using Mshv.Runtime;
using Mshv.Tests.Runtime.Infrastructure;
using Xunit;

namespace Mshv.Tests.Runtime;

[Collection(DriverDoubleCollection.Name)]
public sealed class PartitionLimitTests
{
    [Fact]
    public void The_partition_past_the_drivers_limit_fails_with_ENOSPC_and_a_freed_slot_can_be_reused()
    {
        using MshvDevice device = MshvDevice.Open();
        device.RequestVersion();
        List<MshvPartition> partitions = [];
        try
        {
            for (int i = 0; i < MshvDouble.MaxPartitions; i++)
            {
                partitions.Add(device.CreatePartition());
            }

            IoctlException error = Assert.Throws<IoctlException>(() => device.CreatePartition());
            Assert.Equal(Errno.ENOSPC, error.Errno);
            Assert.Equal(MshvIoctls.MSHV_CREATE_PARTITION.Name, error.Operation);
            Assert.Contains($"at most {MshvDouble.MaxPartitions} partitions", error.Message);
            Assert.Equal(MshvDouble.MaxPartitions, MshvDouble.PartitionCount);

            partitions[17].Dispose();
            partitions.Add(device.CreatePartition());
            Assert.Equal(MshvDouble.MaxPartitions, MshvDouble.PartitionCount);
        }
        finally
        {
            partitions.ForEach(partition => partition.Dispose());
        }

        Assert.Equal(0, MshvDouble.PartitionCount);
    }

    [Fact]
    public void The_limit_is_shared_by_all_opens_of_the_device()
    {
        using MshvDevice first = MshvDevice.Open();
        using MshvDevice second = MshvDevice.Open();
        first.RequestVersion();
        second.RequestVersion();
        List<MshvPartition> partitions = [];
        try
        {
            for (int i = 0; i < MshvDouble.MaxPartitions; i++)
            {
                partitions.Add((i % 2 == 0 ? first : second).CreatePartition());
            }

            Assert.Equal(Errno.ENOSPC, Assert.Throws<IoctlException>(() => second.CreatePartition()).Errno);
            Assert.Equal(partitions.Count, partitions.Select(partition => partition.Handle.FileDescriptor).Distinct().Count());
        }
        finally
        {
            partitions.ForEach(partition => partition.Dispose());
        }
    }
}
