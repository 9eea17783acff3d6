using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Mshv.Tests.Fuzz;

/// <summary>
/// Seeded damage to a model's text, the kinds a hand edit, a bad merge or a broken disk make: lines deleted,
/// duplicated or swapped, numbers swapped, negated or made huge, names corrupted with characters C, C# or Roslyn
/// reject, truncation, invalid UTF-8, CRLF. The same seed always gives the same mutant.
/// </summary>
internal static class ModelMutator
{
    private static readonly Regex Number = new(@"(?<==)-?(0x)?[0-9a-fA-F]+\b|(?<=:)[0-9]+\b", RegexOptions.Compiled);
    private static readonly Regex Name = new(@"^(\s*(?:struct|union|enum|field|const|macro|ioctl|typedef) )(\S+)", RegexOptions.Compiled);

    private static readonly string[] NameDamage = { "<", ">", "$", "é", "\uFFFD", ".", "\t", "9", " ", "\"", "int", "@", "-", "\u00AD", "\u2028", "::", "\\" };

    private static readonly string[] NumberReplacements =
    {
        "0", "1", "-1", "-4096", "7", "8", "63", "64", "65", "4096", "2147483647", "2147483648", "9223372036854775807", "-9223372036854775808",
        "18446744073709551615", "99999999999999999999", "0x0", "0xffffffff", "0x100000000", "0xffffffffffffffff",
    };

    private static readonly Func<Random, string, string>[] Operators =
    {
        DeleteLine, DuplicateLine, SwapLines, SwapNumbers, ReplaceNumber, NegateNumber, CorruptName, RenameToOther, Truncate,
        InvalidUtf8, Crlf, CopyMemberElsewhere, ChangeKeyword, DropAttribute,
    };

    /// <summary>One to three operators, chosen by <paramref name="seed"/>.</summary>
    public static string Mutate(string model, int seed, out string description)
    {
        var random = new Random(seed);
        var applied = new List<string>();
        string text = model;
        int count = 1 + random.Next(3);
        for (int i = 0; i < count; i++)
        {
            Func<Random, string, string> op = Operators[random.Next(Operators.Length)];
            text = op(random, text);
            applied.Add(op.Method.Name);
        }

        description = string.Join("+", applied);
        return text;
    }

    private static List<string> Lines(string text) => text.Split('\n').ToList();

    private static string Join(List<string> lines) => string.Join("\n", lines);

    private static int ContentLine(Random random, List<string> lines)
    {
        var candidates = Enumerable.Range(0, lines.Count).Where(i => lines[i].Length > 0 && !lines[i].StartsWith("#", StringComparison.Ordinal)).ToList();
        return candidates.Count == 0 ? 0 : candidates[random.Next(candidates.Count)];
    }

    private static string DeleteLine(Random random, string text)
    {
        List<string> lines = Lines(text);
        lines.RemoveAt(ContentLine(random, lines));
        return Join(lines);
    }

    private static string DuplicateLine(Random random, string text)
    {
        List<string> lines = Lines(text);
        int i = ContentLine(random, lines);
        lines.Insert(i, lines[i]);
        return Join(lines);
    }

    private static string SwapLines(Random random, string text)
    {
        List<string> lines = Lines(text);
        int a = ContentLine(random, lines);
        int b = ContentLine(random, lines);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return Join(lines);
    }

    private static string SwapNumbers(Random random, string text)
    {
        List<string> lines = Lines(text);
        int a = ContentLine(random, lines);
        int b = ContentLine(random, lines);
        Match? first = Pick(random, Number.Matches(lines[a]));
        Match? second = Pick(random, Number.Matches(lines[b]));
        if (first is null || second is null || a == b)
        {
            return text;
        }

        lines[a] = Splice(lines[a], first, second.Value);
        lines[b] = Splice(lines[b], second, first.Value);
        return Join(lines);
    }

    private static string ReplaceNumber(Random random, string text) =>
        OnNumber(random, text, _ => NumberReplacements[random.Next(NumberReplacements.Length)]);

    private static string NegateNumber(Random random, string text) =>
        OnNumber(random, text, value => value.StartsWith("-", StringComparison.Ordinal) ? value.Substring(1) : "-" + value);

    private static string OnNumber(Random random, string text, Func<string, string> change)
    {
        List<string> lines = Lines(text);
        int i = ContentLine(random, lines);
        Match? match = Pick(random, Number.Matches(lines[i]));
        if (match is null)
        {
            return text;
        }

        lines[i] = Splice(lines[i], match, change(match.Value));
        return Join(lines);
    }

    private static string CorruptName(Random random, string text)
    {
        List<string> lines = Lines(text);
        int i = ContentLine(random, lines);
        Match match = Name.Match(lines[i]);
        if (!match.Success)
        {
            return text;
        }

        string name = match.Groups[2].Value;
        string damage = NameDamage[random.Next(NameDamage.Length)];
        int at = random.Next(name.Length + 1);
        string corrupted = damage == "int" ? damage : name.Insert(at, damage);
        lines[i] = match.Groups[1].Value + corrupted + lines[i].Substring(match.Length);
        return Join(lines);
    }

    /// <summary>Gives an entity or member the name of another one: duplicates, shadowing, self-reference.</summary>
    private static string RenameToOther(Random random, string text)
    {
        List<string> lines = Lines(text);
        int a = ContentLine(random, lines);
        int b = ContentLine(random, lines);
        Match target = Name.Match(lines[a]);
        Match source = Name.Match(lines[b]);
        if (!target.Success || !source.Success)
        {
            return text;
        }

        lines[a] = target.Groups[1].Value + source.Groups[2].Value + lines[a].Substring(target.Length);
        return Join(lines);
    }

    private static string Truncate(Random random, string text) => text.Substring(0, random.Next(text.Length + 1));

    /// <summary>Bytes that are not UTF-8, decoded the way Roslyn reads an additional file: as U+FFFD.</summary>
    private static string InvalidUtf8(Random random, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        int at = random.Next(bytes.Length + 1);
        byte[] junk = random.Next(2) == 0 ? new byte[] { 0xff } : new byte[] { 0xc3 };
        return Encoding.UTF8.GetString(bytes.Take(at).Concat(junk).Concat(bytes.Skip(at)).ToArray());
    }

    private static string Crlf(Random random, string text) =>
        random.Next(2) == 0 ? text.Replace("\n", "\r\n") : text.Replace("\n", random.Next(2) == 0 ? "\r" : " \n");

    /// <summary>A member line moved under another record: a second member at the same offset, or a member past the end.</summary>
    private static string CopyMemberElsewhere(Random random, string text)
    {
        List<string> lines = Lines(text);
        var members = Enumerable.Range(0, lines.Count).Where(i => lines[i].StartsWith("  ", StringComparison.Ordinal)).ToList();
        if (members.Count < 2)
        {
            return text;
        }

        string member = lines[members[random.Next(members.Count)]];
        lines.Insert(members[random.Next(members.Count)], member);
        return Join(lines);
    }

    private static string ChangeKeyword(Random random, string text)
    {
        List<string> lines = Lines(text);
        int i = ContentLine(random, lines);
        string[] swaps = { "struct ", "union ", "enum ", "dir=none", "dir=read", "dir=write", "dir=readwrite", "type=u8", "type=u64", "type=f80", "type=ptr", "type=record:" };
        string from = swaps[random.Next(swaps.Length)];
        string to = swaps[random.Next(swaps.Length)];
        lines[i] = lines[i].Replace(from, to);
        if (random.Next(4) == 0)
        {
            lines[i] = lines[i].Replace(" anonymous", string.Empty).Replace(" packed", " anonymous");
        }

        return Join(lines);
    }

    private static string DropAttribute(Random random, string text)
    {
        List<string> lines = Lines(text);
        int i = ContentLine(random, lines);
        string[] parts = lines[i].Split(' ');
        if (parts.Length < 3)
        {
            return text;
        }

        int drop = 2 + random.Next(parts.Length - 2);
        lines[i] = string.Join(" ", parts.Where((_, index) => index != drop));
        return Join(lines);
    }

    private static Match? Pick(Random random, MatchCollection matches) => matches.Count == 0 ? null : matches[random.Next(matches.Count)];

    private static string Splice(string line, Match match, string value) =>
        line.Substring(0, match.Index) + value + line.Substring(match.Index + match.Length);
}
