namespace Mshv.Ioctls;

/// <summary>An <c>_IOWR</c> request accepted on the kinds <typeparamref name="TOn"/> names: the driver reads and rewrites <c>ref T</c>.</summary>
/// <remarks>Typed handles accept it only when <typeparamref name="TOn"/> is <see cref="IAcceptedOn{TKind}"/> of their kind.</remarks>
public readonly struct IoctlReadWrite<T, TOn>(string name, uint request)
    where T : unmanaged
    where TOn : class
{
    /// <summary>The request macro's name, used in error messages.</summary>
    public string Name { get; } = name;

    /// <summary>The request number as the C compiler computed it.</summary>
    /// <remarks>Its encoded argument size is at most <c>sizeof(T)</c>: the constructor throws <see cref="System.ArgumentException"/> otherwise.</remarks>
    public uint Request { get; } = IoctlArgumentSize.Checked<T>(request, name);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (0x{Request:X8})";
}
