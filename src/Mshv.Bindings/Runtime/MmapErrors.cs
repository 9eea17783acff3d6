namespace Mshv.Runtime;

/// <summary>What an errno from <c>mmap</c> means (mmap(2)): a mapping failure is never explained as an ioctl's.</summary>
public sealed class MmapErrors : ErrnoMeanings
{
    private MmapErrors()
    {
    }

    /// <summary>The one instance.</summary>
    public static MmapErrors Instance { get; } = new();

    /// <inheritdoc/>
    protected override string? Explain(int errno, string operation) => errno switch
    {
        Errno.EINVAL => "mmap refused the arguments: a zero length, an offset that is not page-aligned, or an offset or length "
            + "the descriptor's driver does not map",
        Errno.ENOMEM => "mmap found no room: out of address space or memory, or over the process's mapping limit",
        Errno.EACCES => "mmap needs access the descriptor was not opened with (a writable shared mapping of a read-only descriptor)",
        Errno.ENODEV => "the descriptor's driver does not support mmap",
        Errno.EBADF => "mmap was given a descriptor that is not open",
        Errno.EPERM => "mmap was refused by policy (a seal, or PROT_EXEC on a noexec mount)",
        _ => null,
    };
}
