namespace Mshv.Runtime;

/// <summary>What an errno means for one kind of file descriptor of one driver.</summary>
/// <remarks>Each owner object (device, partition, …) hands its own interpretation to its handle, because the
/// same errno means different things on different descriptors (EBADFD on /dev/mshv is "version not
/// negotiated"; from a partition hypercall it is an invalid partition state).</remarks>
public abstract class ErrnoMeanings
{
    /// <summary>Interpretation with no driver knowledge: the generic libc text.</summary>
    public static ErrnoMeanings Generic { get; } = new GenericMeanings();

    /// <summary>The driver-specific meaning, or <see langword="null"/> to fall back to the generic text.</summary>
    protected abstract string? Explain(int errno, string operation);

    /// <summary>Builds the exception for a failed <paramref name="operation"/>.</summary>
    public IoctlException ToException(int errno, string operation) =>
        new(errno, operation, Explain(errno, operation) ?? $"{Errno.Describe(errno)} (no driver-specific meaning known)");

    private sealed class GenericMeanings : ErrnoMeanings
    {
        protected override string? Explain(int errno, string operation) => null;
    }
}
