using System;
using Mshv.Runtime;

namespace Mshv;

/// <summary>A guest partition: owns the descriptor MSHV_CREATE_PARTITION returned.</summary>
/// <remarks>Disposing it closes the descriptor, which releases the driver's partition slot.</remarks>
public sealed class MshvPartition : IDisposable
{
    internal MshvPartition(FileDescriptorHandle handle) => Handle = handle;

    /// <summary>The partition descriptor, for partition requests (the seed driver defines none yet).</summary>
    public FileDescriptorHandle Handle { get; }

    /// <inheritdoc/>
    public void Dispose() => Handle.Dispose();
}
