using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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

        var before = OpenDescriptors();
        int eventsBefore = OpenEventDescriptors();
        using (MshvDevice device = MshvDevice.Open())
        {
            device.RequestVersion();
            Assert.Equal(eventsBefore + 1, OpenEventDescriptors());
            for (int i = 0; i < Cycles; i++)
            {
                using MshvPartition partition = device.CreatePartition();
            }

            Assert.Equal(0, MshvDouble.PartitionCount);
        }

        Assert.Equal(eventsBefore, OpenEventDescriptors());
        AssertNoNewDescriptors(before);
    }

    [Fact]
    public void Ten_thousand_open_negotiate_and_dispose_cycles_leave_no_descriptor_open()
    {
        MshvDevice.Open().Dispose();
        var before = OpenDescriptors();
        int eventsBefore = OpenEventDescriptors();

        for (int i = 0; i < Cycles; i++)
        {
            using MshvDevice device = MshvDevice.Open();
            device.RequestVersion();
        }

        Assert.Equal(eventsBefore, OpenEventDescriptors());
        AssertNoNewDescriptors(before);
    }

    // Finalizers of other tests' objects may still close descriptors: settle them before each look.
    private static HashSet<string> OpenDescriptors()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return Directory.GetFiles("/proc/self/fd").Select(fd => fd + " -> " + ReadLink(fd)).ToHashSet();
    }

    /// <summary>
    /// No descriptor is open now that was not open before. Descriptors of other tests' leftovers (process pipes
    /// finishing asynchronously) may close meanwhile; that is not a leak of ours, so this is a subset check.
    /// </summary>
    private static void AssertNoNewDescriptors(HashSet<string> before)
    {
        var added = OpenDescriptors().Except(before).ToList();
        Assert.True(added.Count == 0, "descriptors left open: " + string.Join(", ", added));
    }

    /// <summary>The descriptors that can only be the double's (fake devices and partitions are eventfds).</summary>
    private static int OpenEventDescriptors() =>
        Directory.GetFiles("/proc/self/fd").Count(fd => ReadLink(fd) == "anon_inode:[eventfd]");

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null; // closed between listing and reading: not ours to count
        }
    }
}
