using System;
using Mshv.Interop.Upstream;

namespace Mshv.Upstream;

/// <summary>The <c>pt_flags</c> of <c>struct mshv_create_partition</c>: <c>1 &lt;&lt; MSHV_PT_BIT_*</c> from linux/mshv.h.</summary>
/// <remarks>
/// <c>MSHV_PT_BIT_CPU_AND_XSAVE_FEATURES</c> is not here: it says which struct travels, so
/// <see cref="MshvRoot.CreatePartition(PartitionFeatures, ReadOnlySpan{ulong}, ulong)"/> sets it when it sends the v2 payload.
/// </remarks>
[Flags]
public enum PartitionFeatures : ulong
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>MSHV_PT_BIT_LAPIC: the hypervisor emulates the local APIC.</summary>
    Lapic = 1ul << (int)MshvConstants.MSHV_PT_BIT_LAPIC,

    /// <summary>MSHV_PT_BIT_X2APIC.</summary>
    X2Apic = 1ul << (int)MshvConstants.MSHV_PT_BIT_X2APIC,

    /// <summary>MSHV_PT_BIT_GPA_SUPER_PAGES.</summary>
    GpaSuperPages = 1ul << (int)MshvConstants.MSHV_PT_BIT_GPA_SUPER_PAGES,

    /// <summary>MSHV_PT_BIT_NESTED_VIRTUALIZATION.</summary>
    NestedVirtualization = 1ul << (int)MshvConstants.MSHV_PT_BIT_NESTED_VIRTUALIZATION,

    /// <summary>MSHV_PT_BIT_SMT_ENABLED_GUEST.</summary>
    SmtEnabledGuest = 1ul << (int)MshvConstants.MSHV_PT_BIT_SMT_ENABLED_GUEST,
}
