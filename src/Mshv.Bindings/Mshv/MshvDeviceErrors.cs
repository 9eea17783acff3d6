using Mshv.Interop.Rfc;
using Mshv.Runtime;

namespace Mshv;

/// <summary>What each errno means on /dev/mshv, following the seed driver (virt/mshv/mshv_main.c).</summary>
internal sealed class MshvDeviceErrors : ErrnoMeanings
{
    internal static MshvDeviceErrors Instance { get; } = new();

    /// <summary>The seed driver's MSHV_MAX_PARTITIONS (include/linux/mshv.h, kernel-private, so not in the ABI model).</summary>
    internal const int MaxPartitions = 128;

    protected override string? Explain(int errno, string operation)
    {
        bool isOpen = operation.StartsWith("open(", System.StringComparison.Ordinal);
        bool isVersion = operation == MshvIoctls.MSHV_REQUEST_VERSION.Name;
        bool isCreate = operation == MshvIoctls.MSHV_CREATE_PARTITION.Name;
        return errno switch
        {
            Errno.ENOENT when isOpen =>
                "/dev/mshv not found: this machine is not a Microsoft Hypervisor root partition (or the mshv driver is not loaded)",
            Errno.ENODEV or Errno.ENXIO when isOpen =>
                "the device node exists but no driver answers it: load the mshv module (CONFIG_HYPERV_ROOT_API)",
            Errno.EACCES or Errno.EPERM when isOpen =>
                "permission denied by the device node's permissions: the seed driver registers /dev/mshv with "
                + ".mode = 600, a decimal literal (octal 01130), so in practice only root can open it; run as root "
                + "or grant access with a udev rule",
            Errno.ENOMEM when isOpen => "the driver could not allocate its per-open version slot",
            Errno.EBADFD when isVersion =>
                "the interface version was already negotiated on this open: MSHV_REQUEST_VERSION may be issued only "
                + "once per open of /dev/mshv; open the device again to negotiate a different version",
            Errno.ENOTSUPP when isVersion =>
                $"the driver does not support the requested interface version (these bindings were generated for "
                + $"MSHV_VERSION {MshvConstants.MSHV_VERSION}); the seed driver leaks the kernel-internal ENOTSUPP here",
            Errno.EBADFD =>
                "the interface version is not negotiated on this open: call RequestVersion (MSHV_REQUEST_VERSION) first",
            Errno.ENOTTY =>
                "the driver does not know this request: the driver and these bindings disagree about the interface "
                + "(version mismatch), or the request was sent to the wrong kind of file descriptor",
            Errno.ENOSPC when isCreate =>
                $"partition limit reached: the seed driver allows at most {MaxPartitions} partitions at once "
                + "(MSHV_MAX_PARTITIONS); dispose partitions you no longer need",
            Errno.EFAULT =>
                "the driver could not copy the argument from user memory (copy_from_user failed): the argument "
                + "pointer is not valid readable memory of the request's size",
            Errno.ENOMEM when isCreate => "the driver could not allocate the partition",
            Errno.EMFILE or Errno.ENFILE when isCreate =>
                "no file descriptor is free for the new partition: close descriptors or raise RLIMIT_NOFILE",
            Errno.EINVAL or Errno.EACCES or Errno.ENOTRECOVERABLE =>
                $"the driver or hypervisor rejected the request{HvStatusErrno.HypercallHint(errno)}",
            _ => null,
        };
    }
}
