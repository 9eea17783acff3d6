using Mshv.Interop.Upstream;
using Mshv.Runtime;

namespace Mshv.Upstream;

/// <summary>
/// What each errno means on each kind of descriptor of the upstream driver (drivers/hv/mshv_root_main.c, Linux 6.15+):
/// /dev/mshv, a partition, a VP. The same errno means different things on each (ENOTTY on a VP descriptor for a
/// partition request is "wrong descriptor", on /dev/mshv for MSHV_CHECK_EXTENSION it is "another driver's request").
/// </summary>
internal static class UpstreamErrors
{
    internal static ErrnoMeanings Device { get; } = new DeviceMeanings();

    internal static ErrnoMeanings Partition { get; } = new PartitionMeanings();

    internal static ErrnoMeanings VirtualProcessor { get; } = new VpMeanings();

    private const string Hypervisor =
        "the hypervisor refused the hypercall behind this request (the driver returns hv_result_to_errno of its status)";

    private sealed class DeviceMeanings : ErrnoMeanings
    {
        protected override string? Explain(int errno, string operation) => errno switch
        {
            Errno.ENOENT when operation.StartsWith("open(", System.StringComparison.Ordinal) =>
                "/dev/mshv not found: this machine is not a Microsoft Hypervisor root partition, or the mshv_root module "
                + "(CONFIG_MSHV_ROOT, Linux 6.15+) is not loaded",
            Errno.EACCES or Errno.EPERM when operation.StartsWith("open(", System.StringComparison.Ordinal) =>
                "the driver registers /dev/mshv with mode 0600: only root (or a udev rule) can open it",
            Errno.ENOTTY =>
                "/dev/mshv (mshv_root) answers only MSHV_CREATE_PARTITION; requests of the mshv_vtl driver (MSHV_CHECK_EXTENSION "
                + "reuses 0x4004B800) and of the 2020 RFC ABI are not known to it",
            Errno.EINVAL =>
                "the driver rejected the arguments: pt_flags outside MSHV_PT_FLAGS_MASK, pt_isolation not below "
                + "MSHV_PT_ISOLATION_COUNT, or (v2 payload) pt_num_cpu_fbanks other than MSHV_NUM_CPU_FEATURES_BANKS or a "
                + "non-zero reserved field; or " + Hypervisor,
            Errno.EFAULT => "the driver could not copy the argument from user memory (copy_from_user)",
            Errno.EMFILE or Errno.ENFILE => "no file descriptor is free for the new partition",
            Errno.ENOMEM => "the driver could not allocate the partition",
            _ => null,
        };
    }

    private sealed class PartitionMeanings : ErrnoMeanings
    {
        protected override string? Explain(int errno, string operation) => errno switch
        {
            Errno.ENOTTY =>
                "a partition descriptor answers only partition requests (MSHV_INITIALIZE_PARTITION … MSHV_ROOT_HVCALL); VP "
                + "requests go to the descriptor MSHV_CREATE_VP returned, MSHV_CREATE_PARTITION to /dev/mshv",
            Errno.EEXIST when operation == MshvIoctls.MSHV_CREATE_VP.Name => "a VP with this index already exists in the partition",
            Errno.EEXIST => "the region overlaps a mapped one (guest frames or user addresses), or the ioeventfd is already assigned",
            Errno.EINVAL when operation == MshvIoctls.MSHV_SET_GUEST_MEMORY.Name =>
                "the driver rejected the region: size zero or not page-aligned, user address not page-aligned, flags outside "
                + "MSHV_SET_MEM_FLAGS_MASK, non-zero rsvd, no mapping at the user address; for an unmap, no region at "
                + "guest_pfn or one that does not match exactly; or " + Hypervisor,
            Errno.EINVAL when operation.StartsWith(MshvIoctls.MSHV_ROOT_HVCALL.Name, System.StringComparison.Ordinal) =>
                "the driver rejected the hypercall: not in its pass-through list, in_sz outside 8..4096, out_sz 0 or over "
                + "4096 with an output buffer, non-zero status or rsvd, an asynchronous hypercall on a VP descriptor; or " + Hypervisor,
            Errno.EINVAL => "the driver rejected the arguments (flag mask, reserved fields that must be zero, counts); or " + Hypervisor,
            Errno.EBADF => "the eventfd (or resample eventfd) is not an eventfd descriptor of this process",
            Errno.EBUSY => "this eventfd is already an irqfd of the partition",
            Errno.ENOENT => "no ioeventfd matches the one to deassign",
            Errno.EOPNOTSUPP => "the driver does not implement port I/O ioeventfds (MSHV_IOEVENTFD_BIT_PIO)",
            Errno.EAGAIN => "the hypervisor needed memory; the driver deposited a page: issue the request again",
            Errno.EFAULT => "the driver could not copy from or to user memory (a pointer in the argument is not valid for its size)",
            Errno.EACCES or Errno.EBADFD or Errno.EIO => Hypervisor,
            _ => null,
        };
    }

    private sealed class VpMeanings : ErrnoMeanings
    {
        protected override string? Explain(int errno, string operation) => errno switch
        {
            Errno.ENOTTY =>
                "a VP descriptor answers only MSHV_RUN_VP, MSHV_GET_VP_STATE, MSHV_SET_VP_STATE and MSHV_ROOT_HVCALL; "
                + "partition requests go to the partition descriptor",
            Errno.EINTR when operation == MshvIoctls.MSHV_RUN_VP.Name =>
                "the run was interrupted by a signal before the VP produced an intercept: run it again",
            Errno.EINVAL when operation == MshvIoctls.MSHV_GET_VP_STATE.Name || operation == MshvIoctls.MSHV_SET_VP_STATE.Name =>
                "the driver rejected the state request: type not below MSHV_VP_STATE_COUNT, non-zero rsvd, a buffer size or "
                + "address that is not a whole number of 4 KiB pages, or a buffer smaller than the state (buf_sz then holds "
                + "the size needed)",
            Errno.EINVAL => "the driver rejected the arguments; or " + Hypervisor,
            Errno.EFAULT => "the driver could not copy from or to user memory",
            Errno.EAGAIN => "the hypervisor needed memory; the driver deposited a page: issue the request again",
            Errno.EACCES or Errno.EBADFD or Errno.EIO => Hypervisor,
            _ => null,
        };
    }
}
