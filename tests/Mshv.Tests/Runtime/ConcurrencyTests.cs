using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mshv.Tests.Runtime.Infrastructure;
using Xunit;

namespace Mshv.Tests.Runtime;

[Collection(DriverDoubleCollection.Name)]
public sealed class ConcurrencyTests
{
    [Fact]
    public void Threads_sharing_one_device_create_and_dispose_partitions_without_interference()
    {
        const int Threads = 8;
        const int PerThread = 500;
        using MshvDevice device = MshvDevice.Open();
        device.RequestVersion();
        using Barrier start = new(Threads);
        int[] created = new int[Threads];
        Exception?[] failures = new Exception?[Threads];

        Thread[] threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (int i = 0; i < PerThread; i++)
                {
                    using MshvPartition partition = device.CreatePartition();
                    if (MshvDouble.KindOf(partition.Handle.FileDescriptor) != 2)
                    {
                        throw new InvalidOperationException($"descriptor {partition.Handle.FileDescriptor} is not a partition of the double");
                    }

                    created[t]++;
                }
            }
            catch (Exception exception)
            {
                failures[t] = exception;
            }
        })).ToArray();
        Array.ForEach(threads, thread => thread.Start());
        Array.ForEach(threads, thread => thread.Join());

        Assert.All(failures, Assert.Null);
        Assert.Equal(Threads * PerThread, created.Sum());
        Assert.Equal(0, MshvDouble.PartitionCount);
    }

    [Fact]
    public void Threads_each_with_their_own_open_negotiate_independently()
    {
        const int Threads = 8;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            for (int i = 0; i < 200; i++)
            {
                using MshvDevice device = MshvDevice.Open();
                device.RequestVersion();
                using MshvPartition partition = device.CreatePartition();
            }
        });

        Assert.Equal(0, MshvDouble.PartitionCount);
    }

    [Fact]
    public void Disposing_during_an_in_flight_call_closes_the_descriptor_only_after_the_call_returns()
    {
        MshvDevice device = MshvDevice.Open();
        int fd = device.Handle.FileDescriptor;
        MshvDouble.ArmGate();
        try
        {
            Exception? failure = null;
            Thread negotiation = new(() =>
            {
                try
                {
                    device.RequestVersion();
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            });
            negotiation.Start();
            Assert.True(MshvDouble.WaitGateEntered(10_000), "the call never reached the driver");

            device.Dispose();

            Assert.Equal(1, MshvDouble.KindOf(fd));
            MshvDouble.ReleaseGate();
            Assert.True(negotiation.Join(TimeSpan.FromSeconds(10)), "the call did not return");
            Assert.Null(failure);
            Assert.Equal(0, MshvDouble.KindOf(fd));
        }
        finally
        {
            MshvDouble.ReleaseGate();
        }
    }

    [Fact]
    public void A_call_after_dispose_throws_ObjectDisposedException_and_never_reaches_the_driver()
    {
        MshvDevice device = MshvDevice.Open();
        device.Dispose();
        int decoded = MshvDouble.CreatesDecoded;

        Assert.Throws<ObjectDisposedException>(() => device.RequestVersion());
        Assert.Throws<ObjectDisposedException>(() => device.CreatePartition());
        Assert.Equal(decoded, MshvDouble.CreatesDecoded);
    }
}
