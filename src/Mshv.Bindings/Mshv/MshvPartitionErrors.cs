using Mshv.Runtime;

namespace Mshv;

/// <summary>What each errno means on a partition file descriptor.</summary>
internal sealed class MshvPartitionErrors : ErrnoMeanings
{
    internal static MshvPartitionErrors Instance { get; } = new();

    protected override string? Explain(int errno, string operation) => errno switch
    {
        Errno.ENOTTY =>
            "the driver does not know this request on a partition descriptor (the seed driver's partition "
            + "descriptor implements no ioctls at all; later driver versions add them)",
        Errno.EFAULT => "the driver could not copy the argument from or to user memory (bad pointer)",
        Errno.EINVAL or Errno.EACCES or Errno.EBADFD or Errno.ENOTRECOVERABLE =>
            $"the hypervisor rejected the request{HvStatusErrno.HypercallHint(errno)}",
        _ => null,
    };
}
