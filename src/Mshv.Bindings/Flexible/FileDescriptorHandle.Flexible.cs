using Mshv.Ioctls;

namespace Mshv.Runtime;

// Requests whose argument ends in a flexible array: they take an owned FlexibleArrayBuffer, never a bare struct.
public sealed partial class FileDescriptorHandle
{
    /// <summary>
    /// A request on a record with a flexible array, with the buffer as it is: the kernel sees the count field the
    /// caller set (at most the capacity: checked), and <see cref="FlexibleArrayBuffer{THeader, TElement}.Count"/>
    /// afterwards is the count the kernel wrote back.
    /// </summary>
    /// <exception cref="IoctlException">The request failed.</exception>
    /// <exception cref="System.InvalidOperationException">The count field exceeds the capacity, or the driver wrote past the buffer.</exception>
    public int Ioctl<THeader, TElement>(IoctlFlexible<THeader, TElement> request, FlexibleArrayBuffer<THeader, TElement> buffer)
        where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged => FlexibleCall(request.Request, request.Name, buffer);

    /// <summary>
    /// A request that fills as many elements as the count field allows (KVM_GET_SUPPORTED_CPUID,
    /// KVM_GET_MSR_INDEX_LIST): sets the count to the capacity, and on E2BIG grows the buffer and retries, to the
    /// count the kernel wrote back when it says how many it needs, otherwise to twice the capacity.
    /// </summary>
    /// <exception cref="IoctlException">The request failed, or still answered E2BIG at <paramref name="maxCount"/> elements.</exception>
    public int IoctlGrowing<THeader, TElement>(
        IoctlFlexible<THeader, TElement> request, FlexibleArrayBuffer<THeader, TElement> buffer, int maxCount = DefaultMaxFlexibleCount)
        where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged => FlexibleGrowing(request.Request, request.Name, buffer, maxCount);

    /// <summary>A request of a known fd kind on a record with a flexible array; see the kind-less overload.</summary>
    public int Ioctl<THeader, TElement, TOn>(IoctlFlexible<THeader, TElement, TOn> request, FlexibleArrayBuffer<THeader, TElement> buffer)
        where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged
        where TOn : class => FlexibleCall(request.Request, request.Name, buffer);

    /// <summary>A filling request of a known fd kind; see the kind-less overload.</summary>
    public int IoctlGrowing<THeader, TElement, TOn>(
        IoctlFlexible<THeader, TElement, TOn> request, FlexibleArrayBuffer<THeader, TElement> buffer, int maxCount = DefaultMaxFlexibleCount)
        where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged
        where TOn : class => FlexibleGrowing(request.Request, request.Name, buffer, maxCount);
}
