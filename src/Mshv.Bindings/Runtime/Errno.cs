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

    /// <summary>ESRCH.</summary>
    public const int ESRCH = 3;

    /// <summary>EIO.</summary>
    public const int EIO = 5;

    /// <summary>E2BIG.</summary>
    public const int E2BIG = 7;

    /// <summary>ENOEXEC.</summary>
    public const int ENOEXEC = 8;

    /// <summary>ECHILD.</summary>
    public const int ECHILD = 10;

    /// <summary>EAGAIN.</summary>
    public const int EAGAIN = 11;

    /// <summary>EBUSY.</summary>
    public const int EBUSY = 16;

    /// <summary>EXDEV.</summary>
    public const int EXDEV = 18;

    /// <summary>ENOTDIR.</summary>
    public const int ENOTDIR = 20;

    /// <summary>EISDIR.</summary>
    public const int EISDIR = 21;

    /// <summary>ETXTBSY.</summary>
    public const int ETXTBSY = 26;

    /// <summary>EFBIG.</summary>
    public const int EFBIG = 27;

    /// <summary>ESPIPE.</summary>
    public const int ESPIPE = 29;

    /// <summary>EROFS.</summary>
    public const int EROFS = 30;

    /// <summary>EMLINK.</summary>
    public const int EMLINK = 31;

    /// <summary>EPIPE.</summary>
    public const int EPIPE = 32;

    /// <summary>EDOM.</summary>
    public const int EDOM = 33;

    /// <summary>ERANGE.</summary>
    public const int ERANGE = 34;

    /// <summary>EDEADLK.</summary>
    public const int EDEADLK = 35;

    /// <summary>ENAMETOOLONG.</summary>
    public const int ENAMETOOLONG = 36;

    /// <summary>ENOSYS.</summary>
    public const int ENOSYS = 38;

    /// <summary>ELOOP.</summary>
    public const int ELOOP = 40;

    /// <summary>ENODATA.</summary>
    public const int ENODATA = 61;

    /// <summary>EOVERFLOW.</summary>
    public const int EOVERFLOW = 75;

    /// <summary>EOPNOTSUPP.</summary>
    public const int EOPNOTSUPP = 95;

    /// <summary>EADDRINUSE.</summary>
    public const int EADDRINUSE = 98;

    /// <summary>ETIMEDOUT.</summary>
    public const int ETIMEDOUT = 110;

    /// <summary>EALREADY.</summary>
    public const int EALREADY = 114;

    /// <summary>EINPROGRESS.</summary>
    public const int EINPROGRESS = 115;

    /// <summary>ECANCELED.</summary>
    public const int ECANCELED = 125;

    /// <summary>EHWPOISON.</summary>
    public const int EHWPOISON = 133;

    /// <summary>EBADFD.</summary>
    public const int EBADFD = 77;

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
        [ENOSYS] = ("ENOSYS", "function not implemented"),
        [ESRCH] = ("ESRCH", "no such process"),
        [E2BIG] = ("E2BIG", "argument list too long (for a kernel list: the buffer is too small)"),
        [ENOEXEC] = ("ENOEXEC", "exec format error"),
        [ECHILD] = ("ECHILD", "no child processes"),
        [EXDEV] = ("EXDEV", "cross-device link"),
        [ENOTDIR] = ("ENOTDIR", "not a directory"),
        [EISDIR] = ("EISDIR", "is a directory"),
        [ETXTBSY] = ("ETXTBSY", "text file busy"),
        [EFBIG] = ("EFBIG", "file too large"),
        [ESPIPE] = ("ESPIPE", "illegal seek"),
        [EROFS] = ("EROFS", "read-only file system"),
        [EMLINK] = ("EMLINK", "too many links"),
        [EPIPE] = ("EPIPE", "broken pipe"),
        [EDOM] = ("EDOM", "argument out of domain"),
        [ERANGE] = ("ERANGE", "result out of range"),
        [EDEADLK] = ("EDEADLK", "resource deadlock would occur"),
        [ENAMETOOLONG] = ("ENAMETOOLONG", "file name too long"),
        [ELOOP] = ("ELOOP", "too many levels of symbolic links"),
        [ENODATA] = ("ENODATA", "no data available"),
        [EOVERFLOW] = ("EOVERFLOW", "value too large for defined data type"),
        [EADDRINUSE] = ("EADDRINUSE", "address already in use"),
        [EALREADY] = ("EALREADY", "operation already in progress"),
        [EINPROGRESS] = ("EINPROGRESS", "operation now in progress"),
        [ECANCELED] = ("ECANCELED", "operation canceled"),
        [EHWPOISON] = ("EHWPOISON", "memory page has hardware error"),
        [EBADFD] = ("EBADFD", "file descriptor in bad state"),
        [EOPNOTSUPP] = ("EOPNOTSUPP", "operation not supported"),
        [ETIMEDOUT] = ("ETIMEDOUT", "timed out"),
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
