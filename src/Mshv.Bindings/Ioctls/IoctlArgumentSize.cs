using System;
using System.Runtime.CompilerServices;

namespace Mshv.Ioctls;

/// <summary>
/// The check every typed descriptor makes when it is created: the request's encoded argument size (<c>_IOC_SIZE</c>, 14
/// bits on x86-64 and arm64) is at most <c>sizeof(T)</c>. Many drivers copy the encoded size, not their own sizeof, so a
/// larger one would let the kernel write (or read) past the argument. For a generated descriptor the request and T are
/// constants, and the JIT folds the check away.
/// </summary>
internal static class IoctlArgumentSize
{
    public static uint Checked<T>(uint request, string name)
        where T : unmanaged
    {
        uint encoded = (request >> 16) & 0x3fff;
        if (encoded > (uint)Unsafe.SizeOf<T>())
        {
            throw new ArgumentException(
                $"{name} (0x{request:X8}) encodes an argument of {encoded} bytes, more than the {Unsafe.SizeOf<T>()} of {typeof(T).Name}:"
                + " a driver that copies the encoded size would go past it",
                nameof(request));
        }

        return request;
    }
}
