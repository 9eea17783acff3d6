using System;
using System.IO;
using System.Linq;
using Mshv.Interop.Rfc;
using Mshv.Ioctls;
using Mshv.Runtime;
using Mshv.Tests.Runtime.Infrastructure;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Runtime;

[Collection(DriverDoubleCollection.Name)]
public sealed class ErrnoMeaningTests
{
    [Fact]
    public void Opening_a_missing_device_says_this_is_not_a_hyper_v_root_partition()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"mshv-missing-{Guid.NewGuid():N}", "mshv");

        IoctlException error = Assert.Throws<IoctlException>(() => MshvDevice.Open(missing));

        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Equal($"open({missing})", error.Operation);
        Assert.Equal(
            "/dev/mshv not found: this machine is not a Microsoft Hypervisor root partition (or the mshv driver is not loaded)",
            error.Meaning);
        Assert.StartsWith($"open({missing}) failed with ENOENT (2): ", error.Message);
    }

    [Fact]
    public void Permission_denied_on_open_points_at_the_device_node_permissions()
    {
        // Tests run as root here, so a mode-000 node would open anyway: the double injects the kernel's answer.
        MshvDouble.FailNextOpen(Errno.EACCES);

        IoctlException error = Assert.Throws<IoctlException>(() => MshvDevice.Open());

        Assert.Equal(Errno.EACCES, error.Errno);
        Assert.Contains("device node's permissions", error.Message);
    }

    [Fact]
    public void The_device_is_opened_read_write_and_close_on_exec()
    {
        using MshvDevice device = MshvDevice.Open();

        Assert.True(MshvDouble.LastOpenWasReadWriteCloseOnExec);
        Assert.Equal(1, MshvDouble.KindOf(device.Handle.FileDescriptor));
    }

    [Fact]
    public void A_request_the_driver_does_not_know_fails_with_ENOTTY_blaming_a_version_mismatch()
    {
        using MshvDevice device = MshvDevice.Open();
        device.RequestVersion();

        IoctlException error = Assert.Throws<IoctlException>(() => device.Handle.Ioctl(new IoctlNone("NOT_AN_MSHV_REQUEST", 0)));

        Assert.Equal(Errno.ENOTTY, error.Errno);
        Assert.Equal("NOT_AN_MSHV_REQUEST", error.Operation);
        Assert.Contains("version mismatch", error.Message);
    }

    [Fact]
    public unsafe void A_bad_argument_pointer_fails_with_EFAULT_from_copy_from_user()
    {
        using MshvDevice device = MshvDevice.Open();
        device.RequestVersion();
        int decoded = MshvDouble.CreatesDecoded;

        IoctlException error = Assert.Throws<IoctlException>(() => device.Handle.IoctlWithPointer(
            MshvIoctls.MSHV_CREATE_PARTITION.Name, MshvIoctls.MSHV_CREATE_PARTITION.Request, (void*)8));

        Assert.Equal(Errno.EFAULT, error.Errno);
        Assert.Contains("copy_from_user", error.Message);
        Assert.Equal(decoded, MshvDouble.CreatesDecoded);
        Assert.Equal(0, MshvDouble.PartitionCount);
    }

    [Fact]
    public void Partition_descriptors_answer_every_request_with_ENOTTY_in_the_seed_driver()
    {
        using MshvDevice device = MshvDevice.Open();
        device.RequestVersion();
        using MshvPartition partition = device.CreatePartition();
        uint version = 0;

        IoctlException error = Assert.Throws<IoctlException>(() => partition.Handle.Ioctl(MshvIoctls.MSHV_REQUEST_VERSION, in version));

        Assert.Equal(Errno.ENOTTY, error.Errno);
        Assert.Contains("partition descriptor implements no ioctls", error.Message);
    }

    [Theory]
    [InlineData(Errno.EBADFD, "MSHV_CREATE_PARTITION", "call RequestVersion")]
    [InlineData(Errno.EBADFD, "MSHV_REQUEST_VERSION", "only once per open")]
    [InlineData(Errno.ENOTTY, "MSHV_CREATE_PARTITION", "version mismatch")]
    [InlineData(Errno.ENOSPC, "MSHV_CREATE_PARTITION", "MSHV_MAX_PARTITIONS")]
    [InlineData(Errno.EFAULT, "MSHV_CREATE_PARTITION", "copy_from_user")]
    [InlineData(Errno.ENOMEM, "MSHV_CREATE_PARTITION", "could not allocate the partition")]
    [InlineData(Errno.EMFILE, "MSHV_CREATE_PARTITION", "RLIMIT_NOFILE")]
    [InlineData(Errno.EINVAL, "MSHV_CREATE_PARTITION", "HV_STATUS_INVALID_PARAMETER")]
    [InlineData(Errno.ENOTSUPP, "MSHV_REQUEST_VERSION", "does not support the requested interface version")]
    [InlineData(Errno.ENOMEM, "open(/dev/mshv)", "per-open version slot")]
    [InlineData(Errno.ENODEV, "open(/dev/mshv)", "load the mshv module")]
    [InlineData(Errno.EACCES, "MSHV_CREATE_PARTITION", "HV_STATUS_ACCESS_DENIED or HV_STATUS_OPERATION_DENIED")]
    public void Each_driver_errno_has_a_specific_meaning(int errno, string operation, string expected)
    {
        IoctlException error = DeviceErrorFor(errno, operation);

        Assert.Contains(expected, error.Meaning);
        Assert.DoesNotContain("no driver-specific meaning", error.Message);
        Assert.Contains(Errno.NameOf(errno), error.Message);
    }

    [Fact]
    public void An_errno_without_driver_meaning_falls_back_to_the_generic_text_and_still_names_the_request()
    {
        IoctlException error = DeviceErrorFor(Errno.EBADF, "MSHV_CREATE_PARTITION");

        Assert.Equal("MSHV_CREATE_PARTITION failed with EBADF (9): bad file descriptor (no driver-specific meaning known)", error.Message);
        Assert.Equal("errno 4095", Errno.NameOf(4095));
    }

    [Fact]
    public void Hypercall_errnos_on_a_partition_list_the_hyper_v_statuses_patch_01_folds_into_them()
    {
        using MshvDevice device = MshvDevice.Open();
        device.RequestVersion();
        using MshvPartition partition = device.CreatePartition();

        string meaning = partition.Handle.Meanings.ToException(Errno.EACCES, "SOME_PARTITION_REQUEST").Meaning;

        Assert.Contains("HV_STATUS_ACCESS_DENIED or HV_STATUS_OPERATION_DENIED", meaning);
        Assert.All(HvStatusErrno.StatusesFor(Errno.EBADFD), status => Assert.Equal(Errno.EBADFD, HvStatusErrno.ToErrno(status)));
        Assert.Equal(Errno.ENOTRECOVERABLE, HvStatusErrno.ToErrno(HvStatus.HV_STATUS_INSUFFICIENT_MEMORY));
    }

    [Fact]
    public void The_errno_table_agrees_with_the_C_library()
    {
        var named = Errno.KnownNames.Where(entry => entry.Value != "ENOTSUPP").ToArray();
        string program = "#include <errno.h>\n#include <stdio.h>\nint main(void) {\n"
            + string.Concat(named.Select(entry => $"    printf(\"{entry.Value} %d\\n\", {entry.Value});\n"))
            + "    return 0;\n}\n";

        string[] fromC = CCompiler.CompileAndRun(program, CCompiler.SeedHeaderArguments).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(named.Select(entry => $"{entry.Value} {entry.Key}"), fromC);
        Assert.Equal(Errno.ENOTSUPP, MshvDouble.Enotsupp);
    }

    private static IoctlException DeviceErrorFor(int errno, string operation)
    {
        using MshvDevice device = MshvDevice.Open();
        return device.Handle.Meanings.ToException(errno, operation);
    }
}
