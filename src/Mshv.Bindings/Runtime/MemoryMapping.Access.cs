using System;
using System.Runtime.CompilerServices;

namespace Mshv.Runtime;

/// <summary>Reads the bytes of a mapping lent for the duration of a <see cref="MemoryMapping.Access{TResult}"/> call.</summary>
/// <remarks>The span cannot outlive the call: it cannot be captured, stored in a field or returned (TResult is never a ref struct).</remarks>
public delegate TResult MappedBytesFunc<TResult>(Span<byte> bytes);

/// <summary>As <see cref="MappedBytesFunc{TResult}"/>, with a state argument so that a static lambda needs no closure.</summary>
public delegate TResult MappedBytesFunc<in TState, TResult>(Span<byte> bytes, TState state);

// Reference-counted access: each call holds the mapping (DangerousAddRef) for its duration, so disposal on another
// thread waits for it to return, and an access after disposal throws ObjectDisposedException instead of faulting.
public sealed unsafe partial class MemoryMapping
{
    /// <summary>Copies the <typeparamref name="T"/> at <paramref name="offset"/> out of the mapping.</summary>
    /// <exception cref="ObjectDisposedException">The mapping has been disposed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not lie inside the mapping.</exception>
    /// <exception cref="InvalidOperationException">The pages' <see cref="Protection"/> does not allow the access.</exception>
    public T Read<T>(nuint offset)
        where T : unmanaged
    {
        CheckRange(offset, (nuint)sizeof(T));
        CheckAllows(MemoryProtection.Read);
        using Hold hold = new(this);
        return Unsafe.ReadUnaligned<T>((byte*)handle + offset);
    }

    /// <summary>Stores <paramref name="value"/> at <paramref name="offset"/> in the mapping.</summary>
    /// <exception cref="ObjectDisposedException">The mapping has been disposed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit inside the mapping.</exception>
    /// <exception cref="InvalidOperationException">The pages' <see cref="Protection"/> does not allow the access.</exception>
    public void Write<T>(nuint offset, in T value)
        where T : unmanaged
    {
        CheckRange(offset, (nuint)sizeof(T));
        CheckAllows(MemoryProtection.Write);
        using Hold hold = new(this);
        Unsafe.WriteUnaligned((byte*)handle + offset, value);
    }

    /// <summary>Copies <c>destination.Length</c> bytes from <paramref name="offset"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ObjectDisposedException">The mapping has been disposed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the mapping.</exception>
    /// <exception cref="InvalidOperationException">The pages' <see cref="Protection"/> does not allow the access.</exception>
    public void CopyTo(nuint offset, Span<byte> destination)
    {
        CheckRange(offset, (nuint)destination.Length);
        CheckAllows(MemoryProtection.Read);
        using Hold hold = new(this);
        new ReadOnlySpan<byte>((byte*)handle + offset, destination.Length).CopyTo(destination);
    }

    /// <summary>Copies <paramref name="source"/> into the mapping at <paramref name="offset"/>.</summary>
    /// <exception cref="ObjectDisposedException">The mapping has been disposed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the mapping.</exception>
    /// <exception cref="InvalidOperationException">The pages' <see cref="Protection"/> does not allow the access.</exception>
    public void CopyFrom(nuint offset, ReadOnlySpan<byte> source)
    {
        CheckRange(offset, (nuint)source.Length);
        CheckAllows(MemoryProtection.Write);
        using Hold hold = new(this);
        source.CopyTo(new Span<byte>((byte*)handle + offset, source.Length));
    }

    /// <summary>A copy of <paramref name="length"/> bytes at <paramref name="offset"/>.</summary>
    /// <exception cref="ObjectDisposedException">The mapping has been disposed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside the mapping.</exception>
    /// <exception cref="InvalidOperationException">The pages' <see cref="Protection"/> does not allow the access.</exception>
    public byte[] ToArray(nuint offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        byte[] copy = new byte[length];
        CopyTo(offset, copy);
        return copy;
    }

    /// <summary>Lends the mapping's bytes (in place, no copy) to <paramref name="access"/> for the duration of the call.</summary>
    /// <exception cref="ObjectDisposedException">The mapping has been disposed.</exception>
    /// <exception cref="OverflowException">The region is 2 GiB or more, longer than a span can be.</exception>
    /// <exception cref="InvalidOperationException">The pages are not both readable and writable (the span lent is both).</exception>
    public TResult Access<TResult>(MappedBytesFunc<TResult> access)
    {
        ArgumentNullException.ThrowIfNull(access);
        int length = checked((int)Length);
        CheckAllows(MemoryProtection.ReadWrite);
        using Hold hold = new(this);
        return access(new Span<byte>((void*)handle, length));
    }

    /// <summary>As <see cref="Access{TResult}"/>, with a state argument (a static lambda then allocates nothing).</summary>
    public TResult Access<TState, TResult>(TState state, MappedBytesFunc<TState, TResult> access)
    {
        ArgumentNullException.ThrowIfNull(access);
        int length = checked((int)Length);
        CheckAllows(MemoryProtection.ReadWrite);
        using Hold hold = new(this);
        return access(new Span<byte>((void*)handle, length), state);
    }

    /// <summary>Refuses an access the pages do not allow: touching them would be a fault that ends the process.</summary>
    private void CheckAllows(MemoryProtection access)
    {
        if ((Protection & access) != access)
        {
            throw new InvalidOperationException($"the mapping's pages are {Protection}: this access needs {access}");
        }
    }

    private void CheckRange(nuint offset, nuint size)
    {
        if (offset > Length || size > Length - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"{size} bytes at offset {offset} do not lie inside the {Length}-byte mapping");
        }
    }

    /// <summary>One reference on the mapping for the duration of an access (throws ObjectDisposedException once closed).</summary>
    private readonly ref struct Hold
    {
        private readonly MemoryMapping mapping;

        public Hold(MemoryMapping mapping)
        {
            bool added = false;
            mapping.DangerousAddRef(ref added);
            this.mapping = mapping;
        }

        public void Dispose() => mapping.DangerousRelease();
    }
}
