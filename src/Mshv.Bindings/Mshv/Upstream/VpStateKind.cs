using Mshv.Interop.Upstream;

namespace Mshv.Upstream;

/// <summary>Which VP state MSHV_GET_VP_STATE / MSHV_SET_VP_STATE move: <c>MSHV_VP_STATE_*</c>.</summary>
public enum VpStateKind : byte
{
    /// <summary>MSHV_VP_STATE_LAPIC: local interrupt controller state.</summary>
    Lapic = (byte)MshvConstants.MSHV_VP_STATE_LAPIC,

    /// <summary>MSHV_VP_STATE_XSAVE: XSAVE data in compacted form (x86-64).</summary>
    Xsave = (byte)MshvConstants.MSHV_VP_STATE_XSAVE,

    /// <summary>MSHV_VP_STATE_SIMP: the synthetic interrupt message page.</summary>
    SynicMessagePage = (byte)MshvConstants.MSHV_VP_STATE_SIMP,

    /// <summary>MSHV_VP_STATE_SIEFP: the synthetic interrupt event flags page.</summary>
    SynicEventFlagsPage = (byte)MshvConstants.MSHV_VP_STATE_SIEFP,

    /// <summary>MSHV_VP_STATE_SYNTHETIC_TIMERS.</summary>
    SyntheticTimers = (byte)MshvConstants.MSHV_VP_STATE_SYNTHETIC_TIMERS,
}
