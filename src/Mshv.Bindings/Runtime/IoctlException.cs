using System.IO;

namespace Mshv.Runtime;

/// <summary>A system call on a device file descriptor failed.</summary>
/// <remarks>Carries the raw errno, its name, the operation (ioctl macro name, or <c>open(path)</c>) and what the
/// error means for the driver behind the descriptor.</remarks>
public sealed class IoctlException : IOException
{
    /// <summary>Creates the exception; <paramref name="meaning"/> is the driver-specific explanation.</summary>
    public IoctlException(int errno, string operation, string meaning)
        : base($"{operation} failed with {Runtime.Errno.NameOf(errno)} ({errno}): {meaning}")
    {
        Errno = errno;
        Operation = operation;
        Meaning = meaning;
    }

    /// <summary>The errno the call set.</summary>
    public int Errno { get; }

    /// <summary>The errno's symbolic name, e.g. <c>ENOSPC</c>.</summary>
    public string ErrnoName => Runtime.Errno.NameOf(Errno);

    /// <summary>The ioctl request name (<c>MSHV_CREATE_PARTITION</c>) or <c>open(/dev/mshv)</c>.</summary>
    public string Operation { get; }

    /// <summary>What the error means for this driver and what to do about it.</summary>
    public string Meaning { get; }
}
