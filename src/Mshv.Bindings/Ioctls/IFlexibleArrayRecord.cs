namespace Mshv.Ioctls;

/// <summary>
/// A C record that ends in a flexible array member (<c>entries[]</c> or the kernel's <c>entries[0]</c>) whose
/// element count lives in one of its own fields. The generator implements it for such records; the runtime's
/// <see cref="Runtime.FlexibleArrayBuffer{THeader, TElement}"/> uses it to keep the count in step with the
/// capacity it owns.
/// </summary>
/// <typeparam name="TSelf">The record (the header before the elements).</typeparam>
/// <typeparam name="TElement">One element of the flexible array.</typeparam>
public interface IFlexibleArrayRecord<TSelf, TElement>
    where TSelf : unmanaged, IFlexibleArrayRecord<TSelf, TElement>
    where TElement : unmanaged
{
    /// <summary>Byte offset of the first element, as clang laid it out.</summary>
    static abstract int ElementsOffset { get; }

    /// <summary>The record's alignment in bytes, as clang computed it.</summary>
    static abstract int Alignment { get; }

    /// <summary>The C name of the count field, for messages.</summary>
    static abstract string CountField { get; }

    /// <summary>The largest count the count field can hold.</summary>
    static abstract ulong MaxCount { get; }

    /// <summary>Reads the count field.</summary>
    static abstract ulong GetCount(in TSelf record);

    /// <summary>Writes the count field; <paramref name="count"/> is at most <see cref="MaxCount"/>.</summary>
    static abstract void SetCount(ref TSelf record, ulong count);
}
