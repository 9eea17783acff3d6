using System.Linq;
using System.Text.RegularExpressions;

namespace Mshv.Abi.Diff;

/// <summary>
/// Counts and sentinels: a constant that says how many of something there are (<c>KVM_DEV_TYPE_MAX</c>,
/// <c>KVM_SEV_NR_MAX</c>, <c>__X_COUNT</c>, <c>E_LAST</c>, or an enum's last enumerator equal to the number of the
/// others, when there are at least two others and its name says it counts: <c>NUM_COLOURS</c>, <c>__FOO_END</c>). It moves
/// whenever something is added, which is how the kernel grows an enum, so its new value is compatible, as the kernel's own
/// <c>scripts/check-uapi.sh</c> decides; code that sizes arrays by it is rebuilt. Position alone is not enough: in
/// <c>{ RED, GREEN, BLUE }</c> becoming <c>{ RED, GREEN, YELLOW, BLUE }</c>, BLUE moving from 2 to 3 breaks every binary
/// that sends 2.
/// </summary>
internal static class Sentinels
{
    private static readonly Regex Name = new("(^|_)(COUNT|MAX|NR|LAST)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public const string Note = "a count or sentinel: it moves when the kernel adds entries; code that sizes arrays or checks ranges by it follows the new value";

    public static bool IsSentinelName(string name) => Name.IsMatch(name);

    /// <summary>Words of a name that say it counts (as a whole '_'-separated word), or the kernel's private '__' prefix.</summary>
    private static readonly string[] CountWords = { "NUM", "NR", "COUNT", "CNT", "MAX", "LAST", "END", "TOTAL", "LIMIT" };

    private static bool SaysItCounts(string name) =>
        name.StartsWith("__", System.StringComparison.Ordinal)
        || name.ToUpperInvariant().Split('_').Any(word => CountWords.Contains(word));

    /// <summary>A sentinel by name, or the last enumerator of <paramref name="owner"/> whose value is the number of the others.</summary>
    public static bool IsSentinel(AbiEnum owner, AbiEnumConstant constant)
    {
        if (IsSentinelName(constant.Name))
        {
            return true;
        }

        // At least two others: in enum { OFF, ON } the last one is a state, not a count.
        return owner.Constants.Count > 2
            && SaysItCounts(constant.Name)
            && owner.Constants[owner.Constants.Count - 1].Name == constant.Name
            && constant.Value == owner.Constants.Count - 1
            && owner.Constants.Take(owner.Constants.Count - 1).All(c => c.Value >= 0 && c.Value < constant.Value);
    }
}
