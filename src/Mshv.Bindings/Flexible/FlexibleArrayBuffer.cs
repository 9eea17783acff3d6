using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using Mshv.Ioctls;

namespace Mshv.Runtime;

/// <summary>
/// An owned buffer for a record that ends in a flexible array (<c>struct kvm_cpuid2</c> and its
/// <c>entries[]</c>): the record followed by room for <see cref="Capacity"/> elements, with the record's count
/// field kept within that capacity. What rust-vmm's <c>FamStructWrapper</c> does, plus: the memory is pinned,
/// GC-owned memory, so a span taken from it can never dangle (no dispose, no use after free); the kernel is given
/// a private copy made for the call, whose count is checked against the capacity after the copy, so no other thread
/// can raise it between the check and the kernel's read; and canary bytes on both sides of that copy are checked right
/// after every call, so a driver that writes past what it was given is reported, not silent.
/// </summary>
/// <remarks>Not thread-safe: one call at a time per buffer (a second concurrent call throws), as with any argument struct.
/// Misuse from several threads gives wrong values, never memory the kernel writes past.</remarks>
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

    // What the kernel gets: a copy of the record and its elements, made at the start of each call and copied back after.
    private byte[] callStorage = [];
    private int callStart;

    // 1 while a call uses callStorage.
    private int inCall;

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

    /// <summary>The canary before the memory the kernel gets (tests read it).</summary>
    internal ReadOnlySpan<byte> LeadingGuard => callStorage.AsSpan(callStart - GuardLength, GuardLength);

    /// <summary>The canary after the last element's byte of the memory the kernel gets (tests read it).</summary>
    internal ReadOnlySpan<byte> TrailingGuard => callStorage.AsSpan(callStart + ByteLength, GuardLength);

    /// <summary>
    /// Starts a call: copies the record and its elements into the call's own memory, then refuses a count there that the
    /// memory cannot back (the kernel would read or write past it). Since that copy is private, what is checked is what
    /// the kernel reads. Throws when another call is using the buffer.
    /// </summary>
    internal CallFrame BeginCall(string operation)
    {
        if (Interlocked.CompareExchange(ref inCall, 1, 0) != 0)
        {
            throw new InvalidOperationException($"{operation}: another call is using this buffer (one call at a time per buffer)");
        }

        // One consistent set: a Resize on another thread replaces these fields, never these arrays.
        var frame = new CallFrame(storage, start, callStorage, callStart, Capacity);
        try
        {
            int length = ByteLengthFor(frame.Capacity);
            frame.Storage.AsSpan(frame.Start, length).CopyTo(frame.CallStorage.AsSpan(frame.CallStart, length));
            ulong count = THeader.GetCount(in Unsafe.As<byte, THeader>(ref frame.CallStorage[frame.CallStart]));
            if (count > (ulong)frame.Capacity)
            {
                throw new InvalidOperationException(
                    $"{operation}: the count field {THeader.CountField} is {count}, but the buffer has room for {frame.Capacity} elements; "
                    + "set Count (at most Capacity) or Resize the buffer first");
            }

            return frame;
        }
        catch
        {
            Volatile.Write(ref inCall, 0);
            throw;
        }
    }

    /// <summary>
    /// Ends a call: copies what the kernel wrote back into the buffer, and reports (and repairs) a canary the driver
    /// overwrote (it wrote past the elements it was given).
    /// </summary>
    internal void EndCall(in CallFrame frame, string operation)
    {
        try
        {
            int length = ByteLengthFor(frame.Capacity);
            Span<byte> leading = frame.CallStorage.AsSpan(frame.CallStart - GuardLength, GuardLength);
            Span<byte> trailing = frame.CallStorage.AsSpan(frame.CallStart + length, GuardLength);
            frame.CallStorage.AsSpan(frame.CallStart, length).CopyTo(frame.Storage.AsSpan(frame.Start, length));
            if (leading.ContainsAnyExcept(GuardByte) || trailing.ContainsAnyExcept(GuardByte))
            {
                leading.Fill(GuardByte);
                trailing.Fill(GuardByte);
                throw new InvalidOperationException(
                    $"{operation} wrote outside its {length}-byte argument ({frame.Capacity} elements by {THeader.CountField}): "
                    + $"{THeader.CountField} is probably not the element count of this record; name the right one in the selection file");
            }
        }
        finally
        {
            Volatile.Write(ref inCall, 0);
        }
    }

    /// <summary>The arrays and capacity of one call, taken together; the kernel gets <see cref="Pointer"/>.</summary>
    internal readonly struct CallFrame(byte[] storage, int start, byte[] callStorage, int callStart, int capacity)
    {
        public byte[] Storage { get; } = storage;

        public int Start { get; } = start;

        public byte[] CallStorage { get; } = callStorage;

        public int CallStart { get; } = callStart;

        public int Capacity { get; } = capacity;

        /// <summary>The call's copy of the record: pinned, and kept alive by this frame (the caller keeps it until the call ends).</summary>
        public void* Pointer => Unsafe.AsPointer(ref CallStorage[CallStart]);
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

        int length = ByteLengthFor(capacity);
        byte[] callArray = NewGuarded(length, out int newCallStart);
        byte[] array = NewGuarded(length, out int newStart);
        // A call racing this (misuse: one call at a time) may take a mix of old and new fields; every length it uses comes from
        // the capacity it took and every access is bounds-checked, so the worst it gets is an exception, never memory past an array.
        callStorage = callArray;
        callStart = newCallStart;
        storage = array;
        start = newStart;
        Capacity = capacity;
    }

    /// <summary>
    /// Pinned (pinned object heap) memory for the record and <paramref name="length"/> bytes, aligned for it, between two
    /// canaries: the kernel gets a stable address, and spans keep the array alive.
    /// </summary>
    private static byte[] NewGuarded(int length, out int recordStart)
    {
        int alignment = Math.Max(THeader.Alignment, sizeof(nint));
        byte[] array = GC.AllocateArray<byte>(checked(length + (2 * GuardLength) + alignment), pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)) + GuardLength;
        int misalignment = (int)(address % alignment);
        recordStart = GuardLength + (misalignment == 0 ? 0 : alignment - misalignment);
        array.AsSpan(recordStart - GuardLength, GuardLength).Fill(GuardByte);
        array.AsSpan(recordStart + length, GuardLength).Fill(GuardByte);
        return array;
    }
}
