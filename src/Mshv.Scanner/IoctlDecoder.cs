using System.Collections.Generic;
using System.Globalization;
using Mshv.Abi;

namespace Mshv.Scanner;

/// <summary>
/// Builds ioctl requests from the numbers clang folded, decoding the fields the Linux <c>_IOC</c> layout
/// packs into them: nr in bits 0–7, type in 8–15, size in 16–29, direction in 30–31.
/// </summary>
internal static class IoctlDecoder
{
    public static List<AbiIoctl> Decode(
        IEnumerable<MacroDefinition> macros, IReadOnlyDictionary<string, IoctlForm> forms, MacroProbe probe, List<ScanDiagnostic> diagnostics)
    {
        var ioctls = new List<AbiIoctl>();
        foreach (MacroDefinition macro in macros)
        {
            if (!forms.TryGetValue(macro.Name, out IoctlForm? form) || !probe.Values.TryGetValue(macro.Name, out MacroValue? value))
            {
                continue;
            }

            ulong request = value.Bits;
            uint size = (uint)((request >> 16) & 0x3fff);
            ArgumentLayout? argument = null;
            string? argumentCType = form.ArgumentCType;
            if (argumentCType is not null)
            {
                // An alias shares its target's argument; the probe declared it under the alias's own name.
                if (!probe.Arguments.TryGetValue(macro.Name, out argument))
                {
                    diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.IoctlArgumentUnresolved, ScanSeverity.Warning, macro.File, macro.Line,
                        "the argument type '" + argumentCType + "' of ioctl " + macro.Name + " could not be resolved; the request is kept without it"));
                }
                else if (argument.Size != size)
                {
                    diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.IoctlSizeMismatch, ScanSeverity.Warning, macro.File, macro.Line,
                        "ioctl " + macro.Name + " encodes size " + size.ToString(CultureInfo.InvariantCulture) + " but sizeof(" + argumentCType + ") is "
                        + argument.Size.ToString(CultureInfo.InvariantCulture)));
                }
            }

            ioctls.Add(new AbiIoctl(
                macro.Name,
                request,
                (IoctlDirection)((request >> 30) & 3),
                (uint)((request >> 8) & 0xff),
                (uint)(request & 0xff),
                size,
                argumentCType,
                argument?.Shape,
                macro.Location));
        }

        return ioctls;
    }
}
