namespace Mshv.Ioctls;

/// <summary>An <c>_IOW</c> request: the caller passes <c>in T</c>, the driver reads it.</summary>
/// <remarks>The argument type is part of the descriptor so that passing the wrong struct does not compile.</remarks>
public readonly struct IoctlWrite<T>(string name, uint request) where T : unmanaged
{
    /// <summary>The request macro's name, used in error messages.</summary>
    public string Name { get; } = name;

    /// <summary>The request number as the C compiler computed it.</summary>
    /// <remarks>Its encoded argument size is at most <c>sizeof(T)</c>: the constructor throws <see cref="System.ArgumentException"/> otherwise.</remarks>
    public uint Request { get; } = IoctlArgumentSize.Checked<T>(request, name);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (0x{Request:X8})";
}
