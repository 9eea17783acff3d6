using System;
using Mshv.Ioctls;

namespace Mshv.Runtime;

// Requests whose argument ends in a flexible array: they take an owned FlexibleArrayBuffer, never a bare struct.
public sealed unsafe partial class FileDescriptorHandle
{
    /// <summary>The default limit of <see cref="IoctlGrowing"/>: far above any KVM or mshv list, far below memory trouble.</summary>
    public const int DefaultMaxFlexibleCount = 1 << 16;

    /// <summary>
    /// A request on a record with a flexible array, with the buffer as it is: the kernel sees the count field the
    /// caller set (at most the capacity: checked), and <see cref="FlexibleArrayBuffer{THeader, TElement}.Count"/>
    /// afterwards is the count the kernel wrote back.
    /// </summary>
    /// <exception cref="IoctlException">The request failed.</exception>
    /// <exception cref="InvalidOperationException">The count field exceeds the capacity, or the driver wrote past the buffer.</exception>
    public int Ioctl<THeader, TElement>(IoctlFlexible<THeader, TElement> request, FlexibleArrayBuffer<THeader, TElement> buffer)
        where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged
    {
        ArgumentNullException.ThrowIfNull(buffer);
        int result = CallFlexible(request.Request, request.Name, buffer, out int errno);
        return result < 0 ? throw Meanings.ToException(errno, request.Name) : result;
    }

    /// <summary>
    /// A request that fills as many elements as the count field allows (KVM_GET_SUPPORTED_CPUID,
    /// KVM_GET_MSR_INDEX_LIST): sets the count to the capacity, and on E2BIG grows the buffer and retries, to the
    /// count the kernel wrote back when it says how many it needs, otherwise to twice the capacity.
    /// </summary>
    /// <exception cref="IoctlException">The request failed, or still answered E2BIG at <paramref name="maxCount"/> elements.</exception>
    public int IoctlGrowing<THeader, TElement>(
        IoctlFlexible<THeader, TElement> request, FlexibleArrayBuffer<THeader, TElement> buffer, int maxCount = DefaultMaxFlexibleCount)
        where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged
    {
        ArgumentNullException.ThrowIfNull(buffer);
        while (true)
        {
            buffer.Count = buffer.Capacity;
            int result = CallFlexible(request.Request, request.Name, buffer, out int errno);
            if (result >= 0)
            {
                return result;
            }

            if (errno != Errno.E2BIG || buffer.Capacity >= maxCount)
            {
                throw Meanings.ToException(errno, request.Name);
            }

            ulong needed = THeader.GetCount(in buffer.Header);
            long grown = needed > (ulong)buffer.Capacity ? (long)Math.Min(needed, (ulong)int.MaxValue) : Math.Max(1L, 2L * buffer.Capacity);
            buffer.Resize((int)Math.Min(grown, maxCount));
        }
    }

    private int CallFlexible<THeader, TElement>(uint request, string name, FlexibleArrayBuffer<THeader, TElement> buffer, out int errno)
        where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged
    {
        buffer.CheckBeforeCall(name);
        int result = CallRaw(request, buffer.Pointer, out errno);
        buffer.CheckAfterCall(name);
        return result;
    }
}
