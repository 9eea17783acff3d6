using System;

namespace Mshv.Ioctls;

/// <summary>
/// A request built by a function-like macro whose size field is the length of a byte buffer the driver fills or
/// updates (<c>EVIOCGNAME(len)</c>, <c>HIDIOCGFEATURE(len)</c>). The request is computed from the buffer's length at
/// the call, so the size the driver sees can never disagree with the buffer it is given.
/// </summary>
/// <remarks>Generated into <c>{Prefix}Ioctls.Typed</c> from the model's linear form of the macro.</remarks>
public readonly struct IoctlBytes(string name, uint baseRequest, uint lengthStep, int maxLength)
{
    /// <summary>The request macro's name, used in error messages.</summary>
    public string Name { get; } = name;

    /// <summary>The longest buffer the size field can describe (<c>_IOC_SIZE</c>'s largest value).</summary>
    public int MaxLength { get; } = maxLength;

    /// <summary>The request number for a buffer of <paramref name="length"/> bytes, as the C macro computes it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or longer than <see cref="MaxLength"/> (C would wrap the size silently).</exception>
    public uint RequestFor(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxLength);
        return unchecked(baseRequest + (lengthStep * (uint)length));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}(len) (0x{baseRequest:X8} + len * 0x{lengthStep:X})";
}
