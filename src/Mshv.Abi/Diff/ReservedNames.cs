using System.Text.RegularExpressions;

namespace Mshv.Abi.Diff;

/// <summary>
/// Kernel uapi headers keep room for growth in members named <c>reserved</c>, <c>reserved_z12</c>,
/// <c>rsvd0</c>, <c>pad1</c>, <c>__unused</c>…; their bits carry no meaning, so giving them a name
/// later is how the ABI grows without breaking.
/// </summary>
internal static class ReservedNames
{
    // The suffix test keeps names like "paddr" or "padded_size" out.
    private static readonly Regex Pattern = new(
        "^_*(reserved|rsvd|pad|padding|unused)([0-9_].*)?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public static bool IsReserved(string name) => Pattern.IsMatch(name);
}
