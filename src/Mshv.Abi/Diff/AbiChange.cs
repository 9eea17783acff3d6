namespace Mshv.Abi.Diff;

/// <summary>Whether a change can break a program built against the old headers.</summary>
public enum ChangeSeverity
{
    /// <summary>Old binaries or old generated interop would read or write the wrong bytes, or no longer compile.</summary>
    Breaking,

    /// <summary>Additions and renamings of reserved space: what worked before still works.</summary>
    Compatible,
}

/// <summary>
/// One difference between two ABI snapshots.
/// </summary>
/// <param name="Kind">A stable kebab-case code from <see cref="AbiChangeKind"/>, for tools and filters.</param>
/// <param name="Subject">What changed, spelled as a reviewer would look for it: <c>struct mshv_create_partition</c>,
/// <c>field mshv_create_partition.flags</c>, <c>ioctl MSHV_CREATE_PARTITION</c>.</param>
/// <param name="Message">What changed and, where it is not obvious, why it matters.</param>
/// <param name="OldLocation">Where the subject was declared in the old headers; null when it is new.</param>
/// <param name="NewLocation">Where the subject is declared in the new headers; null when it was removed.</param>
public sealed record AbiChange(
    ChangeSeverity Severity,
    string Kind,
    string Subject,
    string Message,
    SourceLocation? OldLocation,
    SourceLocation? NewLocation);
