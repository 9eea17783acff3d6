namespace Mshv;

/// <summary>Hyper-V hypercall status codes that the mshv driver folds into errno values.</summary>
/// <remarks>
/// Source: the seed series' patch 01, "[RFC PATCH 01/18] x86/hyperv: convert hyperv statuses to linux error
/// codes" (Nuno Das Neves, linux-hyperv, 2020-11-20, Message-ID
/// 1605918637-12192-2-git-send-email-nunodasneves@linux.microsoft.com), which renumbers HV_STATUS_* in
/// include/asm-generic/hyperv-tlfs.h. Only codes that patch lists are here; none is invented. The vendored uapi
/// headers do not carry these macros, so the C compiler cannot check them: they are a transcription.
/// </remarks>
public enum HvStatus : ushort
{
    /// <summary>HV_STATUS_SUCCESS.</summary>
    HV_STATUS_SUCCESS = 0x0,
    /// <summary>HV_STATUS_INVALID_HYPERCALL_CODE.</summary>
    HV_STATUS_INVALID_HYPERCALL_CODE = 0x2,
    /// <summary>HV_STATUS_INVALID_HYPERCALL_INPUT.</summary>
    HV_STATUS_INVALID_HYPERCALL_INPUT = 0x3,
    /// <summary>HV_STATUS_INVALID_ALIGNMENT.</summary>
    HV_STATUS_INVALID_ALIGNMENT = 0x4,
    /// <summary>HV_STATUS_INVALID_PARAMETER.</summary>
    HV_STATUS_INVALID_PARAMETER = 0x5,
    /// <summary>HV_STATUS_ACCESS_DENIED.</summary>
    HV_STATUS_ACCESS_DENIED = 0x6,
    /// <summary>HV_STATUS_INVALID_PARTITION_STATE.</summary>
    HV_STATUS_INVALID_PARTITION_STATE = 0x7,
    /// <summary>HV_STATUS_OPERATION_DENIED.</summary>
    HV_STATUS_OPERATION_DENIED = 0x8,
    /// <summary>HV_STATUS_UNKNOWN_PROPERTY.</summary>
    HV_STATUS_UNKNOWN_PROPERTY = 0x9,
    /// <summary>HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE.</summary>
    HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE = 0xA,
    /// <summary>HV_STATUS_INSUFFICIENT_MEMORY.</summary>
    HV_STATUS_INSUFFICIENT_MEMORY = 0xB,
    /// <summary>HV_STATUS_INVALID_PARTITION_ID.</summary>
    HV_STATUS_INVALID_PARTITION_ID = 0xD,
    /// <summary>HV_STATUS_INVALID_VP_INDEX.</summary>
    HV_STATUS_INVALID_VP_INDEX = 0xE,
    /// <summary>HV_STATUS_NOT_FOUND.</summary>
    HV_STATUS_NOT_FOUND = 0x10,
    /// <summary>HV_STATUS_INVALID_PORT_ID.</summary>
    HV_STATUS_INVALID_PORT_ID = 0x11,
    /// <summary>HV_STATUS_INVALID_CONNECTION_ID.</summary>
    HV_STATUS_INVALID_CONNECTION_ID = 0x12,
    /// <summary>HV_STATUS_INSUFFICIENT_BUFFERS.</summary>
    HV_STATUS_INSUFFICIENT_BUFFERS = 0x13,
    /// <summary>HV_STATUS_NOT_ACKNOWLEDGED.</summary>
    HV_STATUS_NOT_ACKNOWLEDGED = 0x14,
    /// <summary>HV_STATUS_INVALID_VP_STATE.</summary>
    HV_STATUS_INVALID_VP_STATE = 0x15,
    /// <summary>HV_STATUS_NO_RESOURCES.</summary>
    HV_STATUS_NO_RESOURCES = 0x1D,
    /// <summary>HV_STATUS_INVALID_LP_INDEX.</summary>
    HV_STATUS_INVALID_LP_INDEX = 0x41,
    /// <summary>HV_STATUS_INVALID_REGISTER_VALUE.</summary>
    HV_STATUS_INVALID_REGISTER_VALUE = 0x50,
}
