using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mshv.Ioctls;

/// <summary>
/// The check every typed descriptor makes when it is created: the request's encoded argument size (<c>_IOC_SIZE</c>: 14
/// bits from bit 16 on x86-64, arm64 and the other asm-generic layouts; 13 on powerpc, whose direction takes 3 bits) is at
/// most <c>sizeof(T)</c>. Many drivers copy the encoded size, not their own sizeof, so a
/// larger one would let the kernel write (or read) past the argument. For a generated descriptor the request and T are
/// constants, and the JIT folds the check away.
/// </summary>
internal static class IoctlArgumentSize
{
    private static readonly uint SizeMask = RuntimeInformation.ProcessArchitecture == Architecture.Ppc64le ? 0x1fffu : 0x3fffu;

    public static uint Checked<T>(uint request, string name)
        where T : unmanaged
    {
        uint encoded = (request >> 16) & SizeMask;
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
