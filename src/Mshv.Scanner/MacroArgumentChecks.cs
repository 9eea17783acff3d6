using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Mshv.Scanner;

/// <summary>
/// Numbers that C folds without a word but that mean something else than they say: an <c>_IOC</c> field argument
/// wider than its bits (<c>_IO(0xAE, 300)</c> spills nr into type), and a shift by at least its operand's width
/// (<c>1 &lt;&lt; 70</c>). Checked on the macro's own argument tokens, so the warning does not depend on how the request's
/// fields are decoded from the folded number. Warnings (MSHVS013, MSHVS014) at the macro's line.
/// </summary>
internal static class MacroArgumentChecks
{
    /// <summary>asm-generic's and powerpc's field widths agree for type and nr: 8 bits each.</summary>
    private const ulong FieldLimit = 0xff;

    public static void Report(IEnumerable<MacroDefinition> macros, IReadOnlyDictionary<string, MacroValue> values, List<ScanDiagnostic> diagnostics)
    {
        foreach (MacroDefinition macro in macros)
        {
            CheckIocFields(macro, values, diagnostics);
            CheckShifts(macro, diagnostics);
        }
    }

    private static void CheckIocFields(MacroDefinition macro, IReadOnlyDictionary<string, MacroValue> values, List<ScanDiagnostic> diagnostics)
    {
        IReadOnlyList<string> body = macro.Body;
        for (int i = 0; i + 1 < body.Count; i++)
        {
            // _IOC(dir, type, nr, size) has type and nr second and third; _IO/_IOR/_IOW/_IOWR first and second.
            int first = body[i] switch { "_IOC" => 1, "_IO" or "_IOR" or "_IOW" or "_IOWR" => 0, _ => -1 };
            if (first < 0 || body[i + 1] != "(")
            {
                continue;
            }

            int close = IoctlForm.CloseOf(body, i + 1);
            if (close < 0)
            {
                continue;
            }

            List<List<string>> arguments = IoctlForm.SplitArguments(body, i + 2, close);
            foreach ((int index, string field) in new[] { (first, "type"), (first + 1, "nr") })
            {
                if (index < arguments.Count && Evaluate(arguments[index], values) is ulong value && value > FieldLimit)
                {
                    diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.IocFieldOverflow, ScanSeverity.Warning, macro.File, macro.Line,
                        "macro " + macro.Name + " passes " + field + " " + IoctlForm.Spell(arguments[index]) + " = " + value.ToString(CultureInfo.InvariantCulture)
                        + " (0x" + value.ToString("x", CultureInfo.InvariantCulture) + ") to " + body[i] + ", whose " + field + " field has 8 bits: the request keeps 0x"
                        + (value & FieldLimit).ToString("x2", CultureInfo.InvariantCulture) + " and the rest spills into the next field"));
                }
            }
        }
    }

    private static void CheckShifts(MacroDefinition macro, List<ScanDiagnostic> diagnostics)
    {
        IReadOnlyList<string> body = macro.Body;
        for (int i = 1; i + 1 < body.Count; i++)
        {
            if (body[i] is not ("<<" or ">>") || IntegerLiteral(body[i + 1]) is not ulong count)
            {
                continue;
            }

            // The left operand's width, when it is a literal: int unless a suffix or its size says long; otherwise at most 64. A
            // cast literal ('(__u64)1 << 40') has the cast's width, which this does not read: at most 64 is claimed.
            bool cast = i >= 2 && body[i - 2] == ")";
            int width = !cast && IntegerLiteral(body[i - 1]) is ulong left ? LiteralWidth(body[i - 1], left) : 64;
            if (count >= (ulong)width)
            {
                diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.ShiftOverflow, ScanSeverity.Warning, macro.File, macro.Line,
                    "macro " + macro.Name + " shifts by " + count.ToString(CultureInfo.InvariantCulture) + ", not less than the " + width
                    + " bits of its left operand '" + body[i - 1] + "': undefined in C, so the folded value is not what it says"));
            }
        }
    }

    /// <summary>A literal, or a macro the probe evaluated; null for anything else (then nothing is claimed).</summary>
    private static ulong? Evaluate(List<string> tokens, IReadOnlyDictionary<string, MacroValue> values)
    {
        List<string> unwrapped = IoctlForm.Unwrapped(tokens);
        if (unwrapped.Count != 1)
        {
            return null;
        }

        return IntegerLiteral(unwrapped[0]) ?? (values.TryGetValue(unwrapped[0], out MacroValue? value) ? value.Bits : null);
    }

    private static ulong? IntegerLiteral(string token)
    {
        string digits = token.TrimEnd('u', 'U', 'l', 'L');
        if (digits.Length == 0 || !char.IsAsciiDigit(digits[0]))
        {
            return null;
        }

        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong hex) ? hex : null;
        }

        if (digits.Length > 1 && digits[0] == '0')
        {
            try
            {
                return Convert.ToUInt64(digits, 8);
            }
            catch (FormatException)
            {
                return null;
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) ? value : null;
    }

    private static int LiteralWidth(string token, ulong value) =>
        token.Contains('l', StringComparison.OrdinalIgnoreCase) || value > uint.MaxValue ? 64 : 32;
}
