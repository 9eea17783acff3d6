using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>Wording shared by the comparers, so every message says positions and sizes the same way.</summary>
internal static class DiffText
{
    public static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string Bytes(long count) => Num(count) + (count == 1 ? " byte" : " bytes");

    /// <summary>"byte 8" for a byte-aligned member, "bits 12..14" for a bitfield or an unaligned one.</summary>
    public static string Position(BitRange range, bool isBitfield)
    {
        if (!isBitfield && range.Start % 8 == 0)
        {
            return "byte " + Num(range.Start / 8);
        }

        return Bits(range);
    }

    public static string Bits(BitRange range) =>
        range.Length == 1 ? "bit " + Num(range.Start) : "bits " + Num(range.Start) + ".." + Num(range.End - 1);

    public static string Dimensions(AbiType type) =>
        type.Dimensions.Count == 0 ? "no array" : string.Concat(type.Dimensions.Select(d => "[" + Num(d) + "]"));

    public static string List(IEnumerable<string> names) => string.Join(", ", names);

    public static string Direction(IoctlDirection direction) => direction switch
    {
        IoctlDirection.None => "_IO",
        IoctlDirection.Write => "_IOW",
        IoctlDirection.Read => "_IOR",
        _ => "_IOWR",
    };
}
