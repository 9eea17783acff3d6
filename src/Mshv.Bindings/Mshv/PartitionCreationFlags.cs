using System;
using Mshv.Interop.Rfc;

namespace Mshv;

/// <summary>The <c>flags</c> of <c>struct mshv_create_partition</c>: HV_PARTITION_CREATION_FLAG_* from the headers.</summary>
[Flags]
public enum PartitionCreationFlags : ulong
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>HV_PARTITION_CREATION_FLAG_SMT_ENABLED_GUEST.</summary>
    SmtEnabledGuest = MshvConstants.HV_PARTITION_CREATION_FLAG_SMT_ENABLED_GUEST,

    /// <summary>HV_PARTITION_CREATION_FLAG_GPA_LARGE_PAGES_DISABLED.</summary>
    GpaLargePagesDisabled = MshvConstants.HV_PARTITION_CREATION_FLAG_GPA_LARGE_PAGES_DISABLED,

    /// <summary>HV_PARTITION_CREATION_FLAG_GPA_SUPER_PAGES_ENABLED.</summary>
    GpaSuperPagesEnabled = MshvConstants.HV_PARTITION_CREATION_FLAG_GPA_SUPER_PAGES_ENABLED,

    /// <summary>HV_PARTITION_CREATION_FLAG_LAPIC_ENABLED.</summary>
    LapicEnabled = MshvConstants.HV_PARTITION_CREATION_FLAG_LAPIC_ENABLED,
}
