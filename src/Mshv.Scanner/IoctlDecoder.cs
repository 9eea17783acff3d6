using System.Collections.Generic;
using System.Globalization;
using Mshv.Abi;

namespace Mshv.Scanner;

/// <summary>
/// Builds ioctl requests from the numbers clang folded, with the fields the headers' own <c>_IOC_DIR</c>,
/// <c>_IOC_TYPE</c>, <c>_IOC_NR</c> and <c>_IOC_SIZE</c> decode (the layout is per architecture). Headers without
/// those macros fall back to the asm-generic layout (nr bits 0–7, type 8–15, size 16–29, direction 30–31) with a warning.
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
            IoctlFields? fields = probe.FieldsOf(macro.Name);
            IoctlDirection direction;
            if (fields is not null && probe.DirectionBits is IoctlDirectionBits bits)
            {
                direction = DirectionOf(fields.Direction, bits);
            }
            else
            {
                diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.IoctlLayoutAssumed, ScanSeverity.Warning, macro.File, macro.Line,
                    "ioctl " + macro.Name + " (" + macro.Location + "): the headers define no _IOC_DIR/_IOC_TYPE/_IOC_NR/_IOC_SIZE and _IOC_NONE/_IOC_READ/_IOC_WRITE,"
                    + " so its fields are decoded with the asm-generic layout, which may not be the target's"));
                fields = new IoctlFields((request >> 30) & 3, (request >> 8) & 0xff, request & 0xff, (request >> 16) & 0x3fff);
                direction = (IoctlDirection)fields.Direction;
            }

            uint size = (uint)fields.Size;
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
                direction,
                (uint)fields.Type,
                (uint)fields.Number,
                size,
                argumentCType,
                argument?.Shape,
                macro.Location));
        }

        return ioctls;
    }

    /// <summary>
    /// A macro that mentions _IO*/_IOC and whose value decodes with a non-zero type is very likely an ioctl request
    /// built in a form the scanner cannot read its argument type from: say so, rather than silently emit only a constant.
    /// </summary>
    public static void ReportUnrecognized(IEnumerable<MacroDefinition> macros, MacroProbe probe, List<ScanDiagnostic> diagnostics)
    {
        foreach (MacroDefinition macro in macros)
        {
            if (!probe.Values.TryGetValue(macro.Name, out MacroValue? value))
            {
                continue;
            }

            ulong type = probe.FieldsOf(macro.Name)?.Type ?? (value.Bits >> 8) & 0xff;
            if (type != 0)
            {
                diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.IoctlFormUnrecognized, ScanSeverity.Warning, macro.File, macro.Line,
                    "macro " + macro.Name + " (" + macro.Location + ") looks like an ioctl request, but its argument type could not be recovered from '"
                    + macro.Expansion + "'; only the constant is emitted"));
            }
        }
    }

    /// <summary>
    /// Compares with the headers' direction bits rather than assuming asm-generic's numbering: powerpc's
    /// _IOC_NONE is 1, _IOC_READ 2 and _IOC_WRITE 4.
    /// </summary>
    private static IoctlDirection DirectionOf(ulong direction, IoctlDirectionBits bits)
    {
        if (direction == bits.None)
        {
            return IoctlDirection.None;
        }

        bool read = (direction & bits.Read) != 0;
        bool write = (direction & bits.Write) != 0;
        return read && write ? IoctlDirection.ReadWrite : read ? IoctlDirection.Read : write ? IoctlDirection.Write : IoctlDirection.None;
    }
}
