using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Mshv.Abi;

namespace Mshv.Scanner;

/// <summary>
/// The kinds of file descriptor a header's own section comments give its requests: <c>/* ioctls for VM fds */</c>
/// (kvm.h), <c>/* Partition fds created with MSHV_CREATE_PARTITION */</c> (mshv.h). A request belongs to the section
/// whose comment most recently precedes its <c>#define</c> in the same file; another comment that speaks of ioctls
/// without naming a kind ends the section (the kind is then unknown, as for requests before any section). What the
/// comments do not say (kvm.h 7.x lost its "VM fds" comment; a request accepted on two kinds) comes from the
/// generator's shipped overrides and the user's selection file, not from here.
/// </summary>
public static partial class IoctlSections
{
    /// <summary>The kind each comment pattern names; the first that matches wins.</summary>
    private static readonly (Regex Pattern, Func<Match, string> Kind)[] Patterns =
    {
        // "ioctls for fds returned by KVM_CREATE_DEVICE" -> device
        (ReturnedBy(), m => m.Groups[1].Value),
        // "ioctls for /dev/kvm fds", "/* /dev/mshv */", "/dev/mshv device IOCTL" -> system
        (DevicePath(), _ => "system"),
        // "ioctls for VM fds", "ioctl for vm fd", "ioctls for vcpu fds" -> vm, vcpu
        (IoctlsFor(), m => m.Groups[1].Value),
        // "Partition fds created with MSHV_CREATE_PARTITION", "VP fds created with MSHV_CREATE_VP" -> partition, vp
        (CreatedWith(), m => m.Groups[1].Value),
        // "vtl device", "VMBus device IOCTLs" (mshv.h's mshv_vtl part) -> vtl, vmbus
        (NamedDevice(), m => m.Groups[1].Value),
    };

    private static readonly Regex MentionsIoctls = Mentions();

    /// <summary>Adds the section kind to every request defined in a section of its header.</summary>
    internal static List<AbiIoctl> Assign(List<AbiIoctl> ioctls, IReadOnlyList<MacroDefinition> macros)
    {
        var definitions = MacroCollector.ByName(macros);
        var sectionsByFile = new Dictionary<string, List<(int Line, string? Kind)>>(StringComparer.Ordinal);
        var result = new List<AbiIoctl>(ioctls.Count);
        foreach (AbiIoctl ioctl in ioctls)
        {
            string? kind = null;
            if (definitions.TryGetValue(ioctl.Name, out MacroDefinition? definition) && definition.File.Length > 0)
            {
                if (!sectionsByFile.TryGetValue(definition.File, out List<(int Line, string? Kind)>? sections))
                {
                    sections = Sections(definition.File);
                    sectionsByFile[definition.File] = sections;
                }

                kind = sections.LastOrDefault(s => s.Line < definition.Line).Kind;
            }

            result.Add(kind is null ? ioctl : ioctl with { Kinds = new[] { kind }.ToEquatableArray() });
        }

        return result;
    }

    /// <summary>The section comments of one file: the line each ends on, and the kind it names (null: ends a section).</summary>
    public static List<(int Line, string? Kind)> Sections(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new List<(int, string?)>();
        }

        return SectionsOf(text);
    }

    /// <summary>The section comments of a header's text (comments that stand on their own lines only).</summary>
    public static List<(int Line, string? Kind)> SectionsOf(string text)
    {
        var sections = new List<(int, string?)>();
        int line = 1, counted = 0;
        foreach (Match comment in BlockComment().Matches(text))
        {
            int end = comment.Index + comment.Length;
            for (; counted < end; counted++)
            {
                line += text[counted] == '\n' ? 1 : 0;
            }

            // A comment after code on its line (`#define X _IO(...) /* returns a VM fd */`) describes that line only.
            int lineStart = text.LastIndexOf('\n', Math.Max(0, comment.Index - 1)) + 1;
            if (text.Substring(lineStart, comment.Index - lineStart).Trim().Length > 0)
            {
                continue;
            }

            string body = LineBreak().Replace(comment.Groups[1].Value, " ").Trim();
            string? kind = KindOf(body);
            if (kind is not null || MentionsIoctls.IsMatch(body))
            {
                sections.Add((line, kind));
            }
        }

        return sections;
    }

    /// <summary>The kind a section comment names, lower-cased (<c>VM</c> → <c>vm</c>), or null.</summary>
    public static string? KindOf(string comment)
    {
        foreach ((Regex pattern, Func<Match, string> kind) in Patterns)
        {
            Match match = pattern.Match(comment);
            if (match.Success)
            {
                return kind(match).ToLowerInvariant();
            }
        }

        return null;
    }

    [GeneratedRegex(@"/\*(.*?)\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    // Source-generated (the tool is NativeAOT, where an interpreted Regex costs the most): same patterns as before.
    [GeneratedRegex(@"\bfds? returned by \w*?_CREATE_(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ReturnedBy();

    [GeneratedRegex(@"^\W*(?:ioctls? for )?/dev/\w+(?: fds?:?| device ioctls?)?\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex DevicePath();

    [GeneratedRegex(@"\bioctls? for (\w+) fds?\b", RegexOptions.IgnoreCase)]
    private static partial Regex IoctlsFor();

    [GeneratedRegex(@"^\W*(\w+) fds created with\b", RegexOptions.IgnoreCase)]
    private static partial Regex CreatedWith();

    [GeneratedRegex(@"^\W*(\w+) device(?: ioctls?)?\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex NamedDevice();

    [GeneratedRegex(@"\bioctls?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Mentions();

    [GeneratedRegex(@"\s*\n\s*\*?")]
    private static partial Regex LineBreak();
}
