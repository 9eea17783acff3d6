using System.Globalization;
using System.Numerics;

namespace Mshv.Generator.Emission;

/// <summary>C# literals for integer constants of a given C# type: hex for unsigned, decimal for signed.</summary>
internal static class IntegerLiterals
{
    /// <summary>
    /// The literal for <paramref name="value"/> as type <paramref name="keyword"/>, or null when it does not fit.
    /// Negative values of unsigned types are read as two's complement, as C converts them.
    /// </summary>
    public static string? Format(BigInteger value, string keyword)
    {
        (int bits, bool signed, string suffix) = keyword switch
        {
            "sbyte" => (8, true, string.Empty),
            "byte" => (8, false, string.Empty),
            "short" => (16, true, string.Empty),
            "ushort" => (16, false, string.Empty),
            "int" => (32, true, string.Empty),
            "uint" => (32, false, "u"),
            "long" => (64, true, "L"),
            "ulong" => (64, false, "UL"),
            _ => (0, false, string.Empty),
        };
        if (bits == 0)
        {
            return null;
        }

        BigInteger modulus = BigInteger.One << bits;
        if (!signed && value < 0 && value >= -(modulus >> 1))
        {
            value += modulus;
        }

        BigInteger min = signed ? -(modulus >> 1) : BigInteger.Zero;
        BigInteger max = signed ? (modulus >> 1) - 1 : modulus - 1;
        if (value < min || value > max)
        {
            return null;
        }

        if (signed)
        {
            return value.ToString(CultureInfo.InvariantCulture) + suffix;
        }

        string hex = value.ToString("X", CultureInfo.InvariantCulture).TrimStart('0');
        return "0x" + (hex.Length == 0 ? "0" : hex) + suffix;
    }
}
