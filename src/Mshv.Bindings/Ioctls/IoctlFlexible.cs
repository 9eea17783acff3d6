namespace Mshv.Ioctls;

/// <summary>
/// A request whose argument record ends in a flexible array member. It takes a
/// <see cref="Runtime.FlexibleArrayBuffer{THeader, TElement}"/>, never a bare <c>ref THeader</c>: the kernel reads
/// and writes as many elements as the count field says, which a lone struct does not have room for.
/// </summary>
/// <remarks>The direction (<c>_IOW</c>, <c>_IOR</c>, <c>_IOWR</c>) does not change the call: the buffer is passed
/// by address, and the count the kernel writes back (if any) is honoured.</remarks>
public readonly struct IoctlFlexible<THeader, TElement>(string name, uint request)
    where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
    where TElement : unmanaged
{
    /// <summary>The request macro's name, used in error messages.</summary>
    public string Name { get; } = name;

    /// <summary>The request number as the C compiler computed it.</summary>
    public uint Request { get; } = request;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (0x{Request:X8})";
}
