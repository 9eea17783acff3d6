using Mshv.Interop.Upstream;

namespace Mshv.Upstream;

/// <summary>Which bit MSHV_GET_GPAP_ACCESS_BITMAP reports per guest page: <c>MSHV_GPAP_ACCESS_TYPE_*</c>.</summary>
public enum GuestPageAccess : byte
{
    /// <summary>MSHV_GPAP_ACCESS_TYPE_ACCESSED.</summary>
    Accessed = (byte)MshvConstants.MSHV_GPAP_ACCESS_TYPE_ACCESSED,

    /// <summary>MSHV_GPAP_ACCESS_TYPE_DIRTY (dirty-page logging).</summary>
    Dirty = (byte)MshvConstants.MSHV_GPAP_ACCESS_TYPE_DIRTY,
}

/// <summary>What MSHV_GET_GPAP_ACCESS_BITMAP does to the states after reading them: <c>MSHV_GPAP_ACCESS_OP_*</c>.</summary>
public enum GuestPageAccessAfterRead : byte
{
    /// <summary>MSHV_GPAP_ACCESS_OP_NOOP.</summary>
    /// <remarks>The header says "optional clear or set"; the driver as read (drivers/hv/mshv_root_main.c, 6.15 to 7.x)
    /// builds its hypercall flags with "if CLEAR … else SET", so NOOP sets the bits like <see cref="Set"/>.</remarks>
    Keep = (byte)MshvConstants.MSHV_GPAP_ACCESS_OP_NOOP,

    /// <summary>MSHV_GPAP_ACCESS_OP_CLEAR: clear them (the usual dirty-log step).</summary>
    Clear = (byte)MshvConstants.MSHV_GPAP_ACCESS_OP_CLEAR,

    /// <summary>MSHV_GPAP_ACCESS_OP_SET: set them.</summary>
    Set = (byte)MshvConstants.MSHV_GPAP_ACCESS_OP_SET,
}
