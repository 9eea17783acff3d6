using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Mshv.Abi;

/// <summary>An entity of two models of the same headers that is not the same on two targets.</summary>
/// <param name="Entity">The model's name for it: <c>struct kvm_regs</c>, <c>macro KVM_NR_SPSR</c>, <c>ioctl KVM_GET_REGS</c>.</param>
/// <param name="Detail">What differs, in a few words (the sizes of a record, the value of a macro), or which target lacks it.</param>
/// <param name="Location">Where the first model declares it (the second's, when only the second has it).</param>
public sealed record AbiTargetDifference(string Entity, string Detail, SourceLocation? Location);

/// <summary>
/// Whether the models of one set of headers scanned for two targets are the same apart from the target, so one set of
/// types serves both. Everything the generated code depends on counts: every record's size, alignment and members, enum
/// constants and underlying types, typedefs, macro values and types, ioctl numbers and argument types, request builders.
/// Source locations and macro expansions do not (they only feed doc comments): an asm header may declare the same
/// layout on other lines.
/// </summary>
public static class AbiTargetComparison
{
    private static readonly Regex DocumentationOnly = new(" (at|expansion)=(\"([^\"\\\\]|\\\\.)*\"|\\S+)", RegexOptions.CultureInvariant);

    public static IReadOnlyList<AbiTargetDifference> Compare(AbiModel first, AbiModel second)
    {
        Dictionary<string, (string Text, string Head)> ours = Entities(first);
        Dictionary<string, (string Text, string Head)> theirs = Entities(second);
        var differences = new List<AbiTargetDifference>();
        foreach (KeyValuePair<string, (string Text, string Head)> entity in ours.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!theirs.TryGetValue(entity.Key, out (string Text, string Head) other))
            {
                differences.Add(new(entity.Key, "only on " + first.Target, LocationOf(entity.Value.Head)));
            }
            else if (other.Text != entity.Value.Text)
            {
                differences.Add(new(entity.Key, Detail(entity.Key, entity.Value.Text, other.Text, first.Target, second.Target), LocationOf(entity.Value.Head)));
            }
        }

        foreach (KeyValuePair<string, (string Text, string Head)> entity in theirs.Where(e => !ours.ContainsKey(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            differences.Add(new(entity.Key, "only on " + second.Target, LocationOf(entity.Value.Head)));
        }

        // What a reader needs first: records both targets have but lay out differently (the cause; ioctls that encode
        // their size and macros follow from them), then other entities that differ, then those one target lacks.
        return differences.OrderBy(Rank).ThenBy(d => d.Entity, StringComparer.Ordinal).ToList();
    }

    /// <summary>0: a record laid out differently; 1: another entity that differs; 2: an entity only one target has.</summary>
    public static int Rank(AbiTargetDifference difference) =>
        difference.Detail.StartsWith("only on ", StringComparison.Ordinal) ? 2
        : difference.Entity.StartsWith("struct ", StringComparison.Ordinal) || difference.Entity.StartsWith("union ", StringComparison.Ordinal) ? 0
        : 1;

    /// <summary>
    /// The model's entities by keyword and name, each with its canonical text (its line and its members' lines) minus what
    /// only documents it. The writer's text is the canonical form the reader checks, so nothing is compared twice by hand.
    /// </summary>
    private static Dictionary<string, (string Text, string Head)> Entities(AbiModel model)
    {
        var entities = new Dictionary<string, (string Text, string Head)>(StringComparer.Ordinal);
        string? key = null;
        string head = string.Empty;
        var text = new List<string>();
        void Flush()
        {
            if (key is not null)
            {
                entities[key] = (string.Join("\n", text), head);
            }

            key = null;
            text.Clear();
        }

        foreach (string line in AbiModelWriter.Write(model with { AlsoTargets = EquatableArray<string>.Empty }).Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith(" ", StringComparison.Ordinal))
            {
                text.Add(DocumentationOnly.Replace(line, string.Empty));
                continue;
            }

            Flush();
            string[] words = line.Split(' ');
            if (words[0] is "abi" or "target" or AbiModel.EndMarker)
            {
                continue;
            }

            key = words.Length > 1 && words[0] != "header" ? words[0] + " " + words[1] : line;
            head = line;
            text.Add(DocumentationOnly.Replace(line, string.Empty));
        }

        Flush();
        return entities;
    }

    /// <summary>For a record whose size differs, the two sizes (what a reader most needs); else the first differing attribute.</summary>
    private static string Detail(string entity, string ours, string theirs, string first, string second)
    {
        string[] a = ours.Split('\n');
        string[] b = theirs.Split('\n');
        string? sizeA = Attribute(a[0], "size");
        string? sizeB = Attribute(b[0], "size");
        if (sizeA != sizeB && sizeA is not null && sizeB is not null)
        {
            return "size " + sizeA + " on " + first + ", " + sizeB + " on " + second;
        }

        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                string what = i == 0 ? entity : "member " + a[i].Trim().Split(' ').ElementAtOrDefault(1);
                return what + ": '" + Brief(a[i]) + "' on " + first + ", '" + Brief(b[i]) + "' on " + second;
            }
        }

        return (a.Length > b.Length ? "more" : "fewer") + " members on " + first + " (" + a.Length.ToString(CultureInfo.InvariantCulture) + " lines against "
            + b.Length.ToString(CultureInfo.InvariantCulture) + ")";
    }

    private static string Brief(string line)
    {
        string trimmed = line.Trim();
        return trimmed.Length <= 100 ? trimmed : trimmed.Substring(0, 97) + "...";
    }

    private static string? Attribute(string line, string key)
    {
        foreach (string word in line.Split(' '))
        {
            if (word.StartsWith(key + "=", StringComparison.Ordinal))
            {
                return word.Substring(key.Length + 1);
            }
        }

        return null;
    }

    private static SourceLocation? LocationOf(string line)
    {
        Match at = Regex.Match(line, " at=(\\S+):(\\d+)");
        return at.Success && int.TryParse(at.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int number)
            ? new SourceLocation(at.Groups[1].Value, number)
            : null;
    }
}
