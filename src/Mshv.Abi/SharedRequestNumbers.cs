using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi;

/// <summary>Two or more ioctl names of one header set that encode the same request number.</summary>
public sealed record SharedRequestNumber(ulong Request, EquatableArray<AbiIoctl> Ioctls);

/// <summary>
/// Finds request numbers that several names share. The kernel dispatches on the number (per file descriptor), so two
/// names on one number are either meant for different descriptors (kvm.h's <c>KVM_ARM_SET_DEVICE_ADDR</c> on the VM
/// and <c>KVM_GET_ONE_REG</c> on the vCPU) or a mistake (upstream mshv.h's <c>MSHV_SET_POLL_FILE</c> and
/// <c>MSHV_SINT_PAUSE_MESSAGE_STREAM</c>). An alias, a macro whose whole expansion is the other name
/// (<c>#define KVM_TRACE_PAUSE __KVM_DEPRECATED_MAIN_0x07</c>), is not counted.
/// </summary>
public static class SharedRequestNumbers
{
    public static IReadOnlyList<SharedRequestNumber> In(AbiModel model)
    {
        if (model is null)
        {
            throw new ArgumentNullException(nameof(model));
        }

        var expansions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (AbiMacro macro in model.Macros)
        {
            expansions[macro.Name] = macro.Expansion.Trim();
        }

        var shared = new List<SharedRequestNumber>();
        foreach (IGrouping<ulong, AbiIoctl> group in model.Ioctls.GroupBy(i => i.Request).OrderBy(g => g.Key))
        {
            var names = new HashSet<string>(group.Select(i => i.Name), StringComparer.Ordinal);
            List<AbiIoctl> distinct = group
                .Where(i => !(expansions.TryGetValue(i.Name, out string? expansion) && names.Contains(expansion)))
                .GroupBy(i => i.Name, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(i => i.Location.File, StringComparer.Ordinal).ThenBy(i => i.Location.Line).ThenBy(i => i.Name, StringComparer.Ordinal)
                .ToList();
            if (distinct.Count > 1)
            {
                shared.Add(new SharedRequestNumber(group.Key, new EquatableArray<AbiIoctl>(distinct)));
            }
        }

        return shared;
    }
}
