using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
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

    /// <summary>Adds the section kind to every request defined in a section of its header, read from clang's copy of it.</summary>
    internal static List<AbiIoctl> Assign(List<AbiIoctl> ioctls, Dictionary<string, MacroDefinition> definitions, TranslationUnit unit)
    {
        var sectionsByFile = new Dictionary<string, List<(int Line, string? Kind)>>(StringComparer.Ordinal);
        var result = new List<AbiIoctl>(ioctls.Count);
        foreach (AbiIoctl ioctl in ioctls)
        {
            string? kind = null;
            if (definitions.TryGetValue(ioctl.Name, out MacroDefinition? definition) && definition.File.Length > 0)
            {
                if (!sectionsByFile.TryGetValue(definition.File, out List<(int Line, string? Kind)>? sections))
                {
                    sections = SectionsOf(unit.Contents(definition.File));
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
        byte[] text;
        try
        {
            text = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new List<(int, string?)>();
        }

        return SectionsOf(text);
    }

    /// <summary>The section comments of a header's text (comments that stand on their own lines only).</summary>
    public static List<(int Line, string? Kind)> SectionsOf(string text) => SectionsOf(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// The section comments of a header's UTF-8 bytes: every <c>/* … */</c>, as the first <c>*/</c> ends it, wherever it
    /// stands (a header's comments are few; its code is most of it). Only a comment with one of the words every kind and
    /// the "ioctls" mention need is decoded and matched: a header is not copied into a string.
    /// </summary>
    private static List<(int Line, string? Kind)> SectionsOf(ReadOnlySpan<byte> text)
    {
        var sections = new List<(int, string?)>();
        int start = text.StartsWith("\uFEFF"u8) ? 3 : 0;
        int line = 1, counted = start, at = start;
        while (text.Slice(at).IndexOf("/*"u8) is int open and >= 0)
        {
            open += at;
            int close = text.Slice(open + 2).IndexOf("*/"u8);
            if (close < 0)
            {
                break;
            }

            close += open + 2;
            at = close + 2;
            line += text.Slice(counted, at - counted).Count((byte)'\n');
            counted = at;
            ReadOnlySpan<byte> body = text.Slice(open + 2, close - open - 2);
            // A comment after code on its line (`#define X _IO(...) /* returns a VM fd */`) describes that line only.
            if (!StandsAlone(text, start, open) || !MayNameASection(body))
            {
                continue;
            }

            string comment = LineBreak().Replace(Encoding.UTF8.GetString(body), " ").Trim();
            string? kind = KindOf(comment);
            if (kind is not null || MentionsIoctls.IsMatch(comment))
            {
                sections.Add((line, kind));
            }
        }

        return sections;
    }

    /// <summary>Whether only white space comes before <paramref name="open"/> on its line (a byte order mark is no text).</summary>
    private static bool StandsAlone(ReadOnlySpan<byte> text, int start, int open)
    {
        int lineStart = Math.Max(start, text.Slice(0, open).LastIndexOf((byte)'\n') + 1);
        ReadOnlySpan<byte> before = text.Slice(lineStart, open - lineStart);
        return before.IndexOfAnyInRange((byte)0x80, (byte)0xFF) < 0
            ? before.Trim(" \t\r\v\f"u8).IsEmpty
            : Encoding.UTF8.GetString(before).Trim().Length == 0;
    }

    /// <summary>
    /// Whether the comment holds a word each pattern needs (ASCII, any case): "ioctl", "/dev/", "returned", "created" or
    /// "device". A line break inside a comment never splits a word, so this passes every comment the patterns match.
    /// </summary>
    private static bool MayNameASection(ReadOnlySpan<byte> body)
    {
        foreach (byte[] word in SectionWords)
        {
            if (ContainsIgnoringAsciiCase(body, word))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly byte[][] SectionWords =
    {
        "ioctl"u8.ToArray(), "/dev/"u8.ToArray(), "returned"u8.ToArray(), "created"u8.ToArray(), "device"u8.ToArray(),
    };

    private static bool ContainsIgnoringAsciiCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerWord)
    {
        byte first = lowerWord[0];
        for (int i = 0; i + lowerWord.Length <= text.Length; i++)
        {
            if ((text[i] | 0x20) == first && System.Text.Ascii.EqualsIgnoreCase(text.Slice(i, lowerWord.Length), lowerWord))
            {
                return true;
            }
        }

        return false;
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
