using System;

namespace Mshv.Runtime;

// The work of flexible-array requests, shared by both handle types (their public overloads only forward here).
public abstract unsafe partial class FileDescriptorSafeHandle
{
    /// <summary>The default limit of the growing calls: far above any KVM or mshv list, far below memory trouble.</summary>
    public const int DefaultMaxFlexibleCount = 1 << 16;

    private protected int FlexibleCall<THeader, TElement>(uint request, string name, FlexibleArrayBuffer<THeader, TElement> buffer)
        where THeader : unmanaged, Ioctls.IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged
    {
        ArgumentNullException.ThrowIfNull(buffer);
        int result = CallChecked(request, name, buffer, out int errno);
        return result < 0 ? throw Meanings.ToException(errno, name) : result;
    }

    private protected int FlexibleGrowing<THeader, TElement>(uint request, string name, FlexibleArrayBuffer<THeader, TElement> buffer, int maxCount)
        where THeader : unmanaged, Ioctls.IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged
    {
        ArgumentNullException.ThrowIfNull(buffer);
        while (true)
        {
            buffer.Count = buffer.Capacity;
            int result = CallChecked(request, name, buffer, out int errno);
            if (result >= 0)
            {
                return result;
            }

            if (errno != Errno.E2BIG || buffer.Capacity >= maxCount)
            {
                throw Meanings.ToException(errno, name);
            }

            // The kernel wrote back how many it needs (KVM_GET_MSR_INDEX_LIST), or nothing (KVM_GET_SUPPORTED_CPUID).
            ulong needed = THeader.GetCount(in buffer.Header);
            long grown = needed > (ulong)buffer.Capacity ? (long)Math.Min(needed, int.MaxValue) : Math.Max(1L, 2L * buffer.Capacity);
            buffer.Resize((int)Math.Min(grown, maxCount));
        }
    }

    private int CallChecked<THeader, TElement>(uint request, string name, FlexibleArrayBuffer<THeader, TElement> buffer, out int errno)
        where THeader : unmanaged, Ioctls.IFlexibleArrayRecord<THeader, TElement>
        where TElement : unmanaged
    {
        // The kernel gets the call's private copy, made and checked in BeginCall: another thread writing the buffer's count
        // cannot change what the kernel reads. The frame keeps both arrays alive until the copy back.
        FlexibleArrayBuffer<THeader, TElement>.CallFrame frame = buffer.BeginCall(name);
        int result = -1;
        errno = 0;
        try
        {
            result = CallRaw(request, frame.Pointer, out errno);
        }
        finally
        {
            buffer.EndCall(in frame, name);
            GC.KeepAlive(frame.CallStorage);
        }

        return result;
    }
}
