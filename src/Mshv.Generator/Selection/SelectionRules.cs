using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Generator.Selection;

/// <summary>
/// How the lines of selection files pick names (CsWin32 NativeMethods.txt style): <c>KVM_RUN</c> exactly,
/// <c>KVM_*</c> every name the pattern matches (<c>*</c> is any run of characters), <c>-NAME</c> or <c>-KVM_S390_*</c>
/// takes names out again. Files of only exclusions start from everything. Pure and deterministic.
/// </summary>
public static class SelectionRules
{
    /// <summary>The names of <paramref name="selectable"/> the lines select.</summary>
    public static HashSet<string> Resolve(IEnumerable<SelectedName> lines, IEnumerable<string> selectable)
    {
        string[] names = selectable.Distinct(StringComparer.Ordinal).ToArray();
        SelectedName[] all = lines.ToArray();
        bool onlyExclusions = all.All(IsExclusion);
        var chosen = new HashSet<string>(onlyExclusions ? names : Array.Empty<string>(), StringComparer.Ordinal);
        foreach (SelectedName line in all.Where(l => !IsExclusion(l)))
        {
            chosen.UnionWith(names.Where(n => Matches(line.Name, n)));
        }

        foreach (SelectedName line in all.Where(IsExclusion))
        {
            chosen.RemoveWhere(n => Matches(Pattern(line), n));
        }

        return chosen;
    }

    /// <summary>
    /// A line that selects (or excludes) nothing <paramref name="known"/> has: what to say about it, with a "did you
    /// mean" when a known name is close; null for a line that matches. <paramref name="where"/> names the models.
    /// </summary>
    public static string? Problem(SelectedName line, IReadOnlyCollection<string> known, string where)
    {
        string pattern = Pattern(line);
        if (known.Any(n => Matches(pattern, n)))
        {
            return null;
        }

        string? suggestion = IsWildcard(pattern) ? null : Closest(pattern, known);
        return "'" + line.Name + "' " + (IsWildcard(pattern) ? "matches no" : "is not a")
            + " record, enum, typedef, macro or ioctl of " + where
            + (suggestion is null
                ? "; check the spelling (C names are case-sensitive) or scan the header that declares it"
                : "; did you mean '" + (IsExclusion(line) ? "-" : string.Empty) + suggestion + "'?");
    }

    public static bool IsExclusion(SelectedName line) => line.Name.StartsWith("-", StringComparison.Ordinal);

    private static string Pattern(SelectedName line) => IsExclusion(line) ? line.Name.Substring(1).Trim() : line.Name;

    private static bool IsWildcard(string pattern) => pattern.IndexOf('*') >= 0;

    /// <summary><c>*</c> matches any run of characters (none included); everything else is literal and case-sensitive, as C is.</summary>
    public static bool Matches(string pattern, string name)
    {
        if (!IsWildcard(pattern))
        {
            return string.Equals(pattern, name, StringComparison.Ordinal);
        }

        string[] parts = pattern.Split('*');
        if (!name.StartsWith(parts[0], StringComparison.Ordinal) || !name.EndsWith(parts[parts.Length - 1], StringComparison.Ordinal)
            || name.Length < parts[0].Length + parts[parts.Length - 1].Length)
        {
            return false;
        }

        int at = parts[0].Length;
        int end = name.Length - parts[parts.Length - 1].Length;
        for (int i = 1; i < parts.Length - 1; i++)
        {
            int found = parts[i].Length == 0 ? at : name.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0 || found + parts[i].Length > end)
            {
                return false;
            }

            at = found + parts[i].Length;
        }

        return true;
    }

    /// <summary>
    /// The known name a typo most likely meant: the same letters in another case, else the fewest edits (at most a
    /// third of the name).
    /// </summary>
    private static string? Closest(string name, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = Math.Max(1, name.Length / 3) + 1;
        foreach (string candidate in known.OrderBy(k => k, StringComparer.Ordinal))
        {
            int distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(name, candidate, bestDistance);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance, giving up (returning <paramref name="limit"/>) once it cannot be below it.</summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) >= limit)
        {
            return limit;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin >= limit)
            {
                return limit;
            }

            (previous, current) = (current, previous);
        }

        return Math.Min(previous[b.Length], limit);
    }
}
