using System.Collections.Generic;

namespace Mshv.Runtime;

/// <summary>Linux errno names and their generic meaning.</summary>
/// <remarks>
/// Values are the Linux generic ABI (x86-64 and arm64). The test suite compiles a C program that prints each
/// name's value from &lt;errno.h&gt; and compares it with this table, so a typo cannot survive.
/// </remarks>
public static class Errno
{
    /// <summary>EPERM.</summary>
    public const int EPERM = 1;

    /// <summary>ENOENT.</summary>
    public const int ENOENT = 2;

    /// <summary>EINTR.</summary>
    public const int EINTR = 4;

    /// <summary>ENXIO.</summary>
    public const int ENXIO = 6;

    /// <summary>EBADF.</summary>
    public const int EBADF = 9;

    /// <summary>ENOMEM.</summary>
    public const int ENOMEM = 12;

    /// <summary>EACCES.</summary>
    public const int EACCES = 13;

    /// <summary>EFAULT.</summary>
    public const int EFAULT = 14;

    /// <summary>EEXIST.</summary>
    public const int EEXIST = 17;

    /// <summary>ENODEV.</summary>
    public const int ENODEV = 19;

    /// <summary>EINVAL.</summary>
    public const int EINVAL = 22;

    /// <summary>ENFILE.</summary>
    public const int ENFILE = 23;

    /// <summary>EMFILE.</summary>
    public const int EMFILE = 24;

    /// <summary>ENOTTY.</summary>
    public const int ENOTTY = 25;

    /// <summary>ENOSPC.</summary>
    public const int ENOSPC = 28;

    /// <summary>EBADFD.</summary>
    public const int EBADFD = 77;

    /// <summary>EIO.</summary>
    public const int EIO = 5;

    /// <summary>EAGAIN.</summary>
    public const int EAGAIN = 11;

    /// <summary>EBUSY.</summary>
    public const int EBUSY = 16;

    /// <summary>EOPNOTSUPP.</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>ENOTRECOVERABLE.</summary>
    public const int ENOTRECOVERABLE = 131;

    /// <summary>The kernel-internal ENOTSUPP (include/linux/errno.h). No libc defines it, yet the seed driver
    /// returns it to user space when MSHV_REQUEST_VERSION names an unsupported version.</summary>
    public const int ENOTSUPP = 524;

    private static readonly Dictionary<int, (string Name, string Text)> Table = new()
    {
        [EPERM] = ("EPERM", "operation not permitted"),
        [ENOENT] = ("ENOENT", "no such file or directory"),
        [EINTR] = ("EINTR", "interrupted by a signal"),
        [EIO] = ("EIO", "input/output error"),
        [ENXIO] = ("ENXIO", "no such device or address"),
        [EBADF] = ("EBADF", "bad file descriptor"),
        [EAGAIN] = ("EAGAIN", "resource temporarily unavailable"),
        [ENOMEM] = ("ENOMEM", "out of memory"),
        [EACCES] = ("EACCES", "permission denied"),
        [EFAULT] = ("EFAULT", "bad address"),
        [EBUSY] = ("EBUSY", "device or resource busy"),
        [EEXIST] = ("EEXIST", "already exists"),
        [ENODEV] = ("ENODEV", "no such device"),
        [EINVAL] = ("EINVAL", "invalid argument"),
        [ENFILE] = ("ENFILE", "too many open files in the system"),
        [EMFILE] = ("EMFILE", "too many open files in this process"),
        [ENOTTY] = ("ENOTTY", "inappropriate ioctl for device"),
        [ENOSPC] = ("ENOSPC", "no space left"),
        [38] = ("ENOSYS", "function not implemented"),
        [EBADFD] = ("EBADFD", "file descriptor in bad state"),
        [EOPNOTSUPP] = ("EOPNOTSUPP", "operation not supported"),
        [110] = ("ETIMEDOUT", "timed out"),
        [ENOTRECOVERABLE] = ("ENOTRECOVERABLE", "state not recoverable"),
        [ENOTSUPP] = ("ENOTSUPP", "operation not supported (kernel-internal code)"),
    };

    /// <summary>Every errno this table names, for diagnostics and for the test that checks it against C.</summary>
    public static IEnumerable<KeyValuePair<int, string>> KnownNames
    {
        get
        {
            foreach (KeyValuePair<int, (string Name, string Text)> entry in Table)
            {
                yield return new KeyValuePair<int, string>(entry.Key, entry.Value.Name);
            }
        }
    }

    /// <summary>The symbolic name (<c>ENOENT</c>), or <c>errno N</c> for a value this table does not know.</summary>
    public static string NameOf(int errno) =>
        Table.TryGetValue(errno, out (string Name, string Text) entry) ? entry.Name : $"errno {errno}";

    /// <summary>The generic, driver-independent meaning.</summary>
    public static string Describe(int errno) =>
        Table.TryGetValue(errno, out (string Name, string Text) entry) ? entry.Text : "unknown error";
}
