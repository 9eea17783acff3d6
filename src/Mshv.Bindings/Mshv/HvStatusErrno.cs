using System;
using System.Collections.Generic;
using System.Linq;
using Mshv.Runtime;

namespace Mshv;

/// <summary>The seed series' <c>hv_status_to_errno</c>: which hypervisor statuses reach user space as which errno.</summary>
/// <remarks>Transcribed from patch 01 of the seed series (see <see cref="HvStatus"/>): the driver loses the status
/// and keeps only the errno, so the best a user can be told is the set of statuses an errno may stand for.</remarks>
public static class HvStatusErrno
{

    /// <summary>The errno (positive) the driver reports for <paramref name="status"/>; 0 for success.</summary>
    public static int ToErrno(HvStatus status) => status switch
    {
        HvStatus.HV_STATUS_SUCCESS => 0,
        HvStatus.HV_STATUS_INVALID_PARAMETER or HvStatus.HV_STATUS_UNKNOWN_PROPERTY
            or HvStatus.HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE or HvStatus.HV_STATUS_INVALID_VP_INDEX
            or HvStatus.HV_STATUS_INVALID_REGISTER_VALUE or HvStatus.HV_STATUS_INVALID_LP_INDEX => Errno.EINVAL,
        HvStatus.HV_STATUS_ACCESS_DENIED or HvStatus.HV_STATUS_OPERATION_DENIED => Errno.EACCES,
        HvStatus.HV_STATUS_NOT_ACKNOWLEDGED or HvStatus.HV_STATUS_INVALID_VP_STATE
            or HvStatus.HV_STATUS_INVALID_PARTITION_STATE => Errno.EBADFD,
        _ => Errno.ENOTRECOVERABLE,
    };

    /// <summary>Every status the patch maps to <paramref name="errno"/>, in code order.</summary>
    public static IReadOnlyList<HvStatus> StatusesFor(int errno) =>
        Enum.GetValues<HvStatus>().Where(status => status != HvStatus.HV_STATUS_SUCCESS && ToErrno(status) == errno).ToArray();

    /// <summary>" (from a hypercall: HV_STATUS_A or HV_STATUS_B)", or empty when no status maps to <paramref name="errno"/>.</summary>
    internal static string HypercallHint(int errno)
    {
        IReadOnlyList<HvStatus> statuses = StatusesFor(errno);
        return statuses.Count == 0
            ? string.Empty
            : $" (if a hypercall failed, the hypervisor said {string.Join(" or ", statuses)}; {Errno.NameOf(errno)} is hv_status_to_errno's folding)";
    }
}
