using Mshv.Ioctls;
using Mshv.Runtime;
using Xunit;

namespace Mshv.Tests.Flexible;

/// <summary>Checks on a <see cref="FlexibleArrayBuffer{THeader, TElement}"/> that hold after every call.</summary>
internal static class FlexibleBufferAssert
{
    /// <summary>Every canary byte before the record and after its last element still holds its value.</summary>
    public static void GuardsIntact<THeader, TElement>(FlexibleArrayBuffer<THeader, TElement> buffer)
        where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged
    {
        Assert.Equal(FlexibleArrayBuffer<THeader, TElement>.GuardLength, buffer.LeadingGuard.Length);
        Assert.Equal(FlexibleArrayBuffer<THeader, TElement>.GuardLength, buffer.TrailingGuard.Length);
        Assert.All(buffer.LeadingGuard.ToArray(), b => Assert.Equal(FlexibleArrayBuffer<THeader, TElement>.GuardByte, b));
        Assert.All(buffer.TrailingGuard.ToArray(), b => Assert.Equal(FlexibleArrayBuffer<THeader, TElement>.GuardByte, b));
    }

    /// <summary>The generated record's elements offset, as the runtime uses it.</summary>
    public static int ElementsOffset<THeader, TElement>()
        where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged => THeader.ElementsOffset;
}
