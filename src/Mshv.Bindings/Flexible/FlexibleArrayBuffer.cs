using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mshv.Ioctls;

namespace Mshv.Runtime;

/// <summary>
/// An owned buffer for a record that ends in a flexible array (<c>struct kvm_cpuid2</c> and its
/// <c>entries[]</c>): the record followed by room for <see cref="Capacity"/> elements, with the record's count
/// field kept within that capacity. What rust-vmm's <c>FamStructWrapper</c> does, plus: the memory is pinned,
/// GC-owned memory, so a span taken from it can never dangle (no dispose, no use after free); the count is
/// checked against the capacity right before every call; and canary bytes on both sides of the record are
/// checked right after every call, so a driver that writes past what it was given is reported, not silent.
/// </summary>
/// <remarks>Not thread-safe: one call at a time per buffer, as with any argument struct.</remarks>
public sealed unsafe class FlexibleArrayBuffer<THeader, TElement>
    where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>
    where TElement : unmanaged
{
    /// <summary>Bytes of canary on each side of the record.</summary>
    internal const int GuardLength = 64;

    /// <summary>The canary value: not zero, not all ones, not a small count.</summary>
    internal const byte GuardByte = 0xA5;

    private byte[] storage = [];
    private int start;

    /// <summary>Owns room for <paramref name="capacity"/> elements; the count field is set to the capacity.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or more than the count field can hold.</exception>
    public FlexibleArrayBuffer(int capacity)
    {
        Allocate(capacity);
        Count = capacity;
    }

    /// <summary>How many elements the buffer has room for.</summary>
    public int Capacity { get; private set; }

    /// <summary>The bytes handed to the kernel: the record and <see cref="Capacity"/> elements, and never less
    /// than <c>sizeof(THeader)</c> (the C idiom <c>sizeof(struct) + n * sizeof(element)</c> is covered too).</summary>
    public int ByteLength => ByteLengthFor(Capacity);

    /// <summary>The valid elements: the record's count field, never more than <see cref="Capacity"/>.</summary>
    /// <remarks>After a call this is the count the kernel wrote back. Setting it writes the count field.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value or more than <see cref="Capacity"/>.</exception>
    public int Count
    {
        get => (int)Math.Min(THeader.GetCount(in Header), (ulong)Capacity);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Capacity);
            THeader.SetCount(ref Header, (ulong)value);
        }
    }

    /// <summary>The record itself (fields other than the array). Writing its count field directly is allowed;
    /// a count above <see cref="Capacity"/> is refused at the next call.</summary>
    public ref THeader Header => ref Unsafe.As<byte, THeader>(ref storage[start]);

    /// <summary>The first <see cref="Count"/> elements.</summary>
    public Span<TElement> Elements =>
        MemoryMarshal.Cast<byte, TElement>(storage.AsSpan(start + THeader.ElementsOffset, Count * sizeof(TElement)));

    /// <summary>Makes room for <paramref name="capacity"/> elements, keeping the record and its valid elements.</summary>
    /// <remarks>Spans taken before stay readable (they see the old memory), but no longer reach the buffer.</remarks>
    public void Resize(int capacity)
    {
        byte[] oldStorage = storage;
        int oldStart = start;
        int keep = Math.Min(Count, capacity);
        int keepBytes = Math.Min(ByteLengthFor(keep), ByteLengthFor(Capacity));
        Allocate(capacity);
        oldStorage.AsSpan(oldStart, keepBytes).CopyTo(storage.AsSpan(start));
        THeader.SetCount(ref Header, (ulong)keep);
    }

    /// <summary>The canary before the record (tests read it).</summary>
    internal ReadOnlySpan<byte> LeadingGuard => storage.AsSpan(start - GuardLength, GuardLength);

    /// <summary>The canary after the last element's byte (tests read it).</summary>
    internal ReadOnlySpan<byte> TrailingGuard => storage.AsSpan(start + ByteLength, GuardLength);

    /// <summary>The record's address; valid for the buffer's lifetime (pinned) until the next <see cref="Resize"/>.</summary>
    internal void* Pointer => Unsafe.AsPointer(ref storage[start]);

    /// <summary>Refuses a count field the owned memory cannot back: the kernel would read or write past it.</summary>
    internal void CheckBeforeCall(string operation)
    {
        ulong count = THeader.GetCount(in Header);
        if (count > (ulong)Capacity)
        {
            throw new InvalidOperationException(
                $"{operation}: the count field {THeader.CountField} is {count}, but the buffer has room for {Capacity} elements; "
                + "set Count (at most Capacity) or Resize the buffer first");
        }
    }

    /// <summary>Reports (and repairs) a canary the driver overwrote: it wrote past the elements it was given.</summary>
    internal void CheckAfterCall(string operation)
    {
        Span<byte> leading = storage.AsSpan(start - GuardLength, GuardLength);
        Span<byte> trailing = storage.AsSpan(start + ByteLength, GuardLength);
        if (leading.ContainsAnyExcept(GuardByte) || trailing.ContainsAnyExcept(GuardByte))
        {
            leading.Fill(GuardByte);
            trailing.Fill(GuardByte);
            throw new InvalidOperationException(
                $"{operation} wrote outside its {ByteLength}-byte argument ({Capacity} elements by {THeader.CountField}): "
                + $"{THeader.CountField} is probably not the element count of this record; name the right one in the selection file");
        }
    }

    private static int ByteLengthFor(int capacity) =>
        Math.Max(sizeof(THeader), checked(THeader.ElementsOffset + (capacity * sizeof(TElement))));

    private void Allocate(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if ((ulong)capacity > THeader.MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"{THeader.CountField} holds at most {THeader.MaxCount}");
        }

        int alignment = Math.Max(THeader.Alignment, sizeof(nint));
        int length = ByteLengthFor(capacity);
        // Pinned (pinned object heap): the kernel gets a stable address, and spans keep the array alive.
        byte[] array = GC.AllocateArray<byte>(checked(length + (2 * GuardLength) + alignment), pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)) + GuardLength;
        int misalignment = (int)(address % alignment);
        storage = array;
        start = GuardLength + (misalignment == 0 ? 0 : alignment - misalignment);
        Capacity = capacity;
        storage.AsSpan(start - GuardLength, GuardLength).Fill(GuardByte);
        storage.AsSpan(start + length, GuardLength).Fill(GuardByte);
    }
}
