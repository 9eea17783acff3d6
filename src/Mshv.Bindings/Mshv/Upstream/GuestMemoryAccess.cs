using System;
using Mshv.Interop.Upstream;

namespace Mshv.Upstream;

/// <summary>How the guest may use mapped memory: the <c>flags</c> of <c>struct mshv_user_mem_region</c> (readable is implied).</summary>
/// <remarks><c>MSHV_SET_MEM_BIT_UNMAP</c> is not here: <see cref="GuestPartition.UnmapMemory"/> sets it.</remarks>
[Flags]
public enum GuestMemoryAccess : byte
{
    /// <summary>Read-only for the guest.</summary>
    Read = 0,

    /// <summary>MSHV_SET_MEM_BIT_WRITABLE.</summary>
    Write = 1 << (int)MshvConstants.MSHV_SET_MEM_BIT_WRITABLE,

    /// <summary>MSHV_SET_MEM_BIT_EXECUTABLE.</summary>
    Execute = 1 << (int)MshvConstants.MSHV_SET_MEM_BIT_EXECUTABLE,

    /// <summary>Writable and executable.</summary>
    ReadWriteExecute = Write | Execute,
}
