namespace Mshv.Ioctls;

/// <summary>An <c>_IO</c> request accepted on the kinds <typeparamref name="TOn"/> names.</summary>
/// <remarks>Typed handles accept it only when <typeparamref name="TOn"/> is <see cref="IAcceptedOn{TKind}"/> of their kind.</remarks>
public readonly struct IoctlNone<TOn>(string name, uint request)
    where TOn : class
{
    /// <summary>The request macro's name, used in error messages.</summary>
    public string Name { get; } = name;

    /// <summary>The request number as the C compiler computed it.</summary>
    public uint Request { get; } = request;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (0x{Request:X8})";
}
