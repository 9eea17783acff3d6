using System;
using Mshv.Ioctls;

namespace Mshv.Runtime;

/// <summary>Requests whose size field is a byte buffer's length (function-like request macros such as <c>EVIOCGNAME(len)</c>).</summary>
public sealed unsafe partial class FileDescriptorHandle
{
    /// <summary>
    /// The driver fills or updates <paramref name="buffer"/>: the request's size field is <c>buffer.Length</c>, so the
    /// driver is never told of more room than there is. Returns the driver's result (for <c>EVIOCGNAME</c>, the bytes copied).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The buffer is longer than the size field can describe.</exception>
    public int Ioctl(IoctlBytes request, Span<byte> buffer)
    {
        uint number = request.RequestFor(buffer.Length);
        fixed (byte* pointer = buffer)
        {
            return Call(number, request.Name, pointer);
        }
    }

    /// <summary>The driver reads <paramref name="buffer"/>; the request's size field is <c>buffer.Length</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The buffer is longer than the size field can describe.</exception>
    public int Ioctl(IoctlBytesWrite request, ReadOnlySpan<byte> buffer)
    {
        uint number = request.RequestFor(buffer.Length);
        fixed (byte* pointer = buffer)
        {
            return Call(number, request.Name, pointer);
        }
    }
}
