using System;
using System.IO;
using Mshv.Runtime;
using Xunit;

namespace Mshv.Tests.Runtime;

/// <summary>FileDescriptorHandle.Open with access flags, errno names on open, and a disposed handle's number.</summary>
public sealed class OpenAccessTests
{
    [Fact]
    public void A_read_only_open_of_a_directory_works_and_a_read_write_one_fails_with_EISDIR()
    {
        string directory = Directory.CreateTempSubdirectory("mshv-open-").FullName;
        try
        {
            using (FileDescriptorHandle readOnly = FileDescriptorHandle.Open(directory, ErrnoMeanings.Generic, FileAccess.Read))
            {
                Assert.True(readOnly.FileDescriptor >= 0);
            }

            IoctlException error = Assert.Throws<IoctlException>(() => FileDescriptorHandle.Open(directory, ErrnoMeanings.Generic));

            Assert.Equal(Errno.EISDIR, error.Errno);
            Assert.Equal("EISDIR", error.ErrnoName);
            Assert.Equal($"open({directory})", error.Operation);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public void A_read_only_open_of_a_read_only_file_works()
    {
        // A 0444 sysfs attribute: sysfs refuses an O_RDWR open with EACCES even to root.
        using FileDescriptorHandle file = FileDescriptorHandle.Open("/sys/kernel/uevent_seqnum", ErrnoMeanings.Generic, FileAccess.Read);

        Assert.True(file.FileDescriptor >= 0);
        Assert.Equal(Errno.EACCES, Assert.Throws<IoctlException>(() => FileDescriptorHandle.Open("/sys/kernel/uevent_seqnum", ErrnoMeanings.Generic)).Errno);
    }

    [Fact]
    public void A_disposed_handle_shows_no_live_looking_descriptor_number()
    {
        FileDescriptorHandle file = FileDescriptorHandle.Open("/proc/self/cmdline", ErrnoMeanings.Generic, FileAccess.Read);
        Assert.True(file.FileDescriptor >= 0);

        file.Dispose();

        Assert.Equal(-1, file.FileDescriptor);
    }
}
