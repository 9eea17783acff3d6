using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Generator.Selection;

/// <summary>A name a selection file asks for, with the line it is on (diagnostics point there).</summary>
public sealed record SelectedName(string Name, int Line);

/// <summary>
/// A selection file (in the spirit of CsWin32's NativeMethods.txt): one record, enum, typedef, macro or ioctl name a
/// line, <c>#</c> starts a comment, a leading <c>struct</c>/<c>union</c>/<c>enum</c> keyword is allowed; <c>*</c> patterns
/// and <c>-</c> exclusions are read by <see cref="SelectionRules"/>. Recognised
/// by the AdditionalFiles metadata <c>MshvKind=Selection</c> (the <c>MshvSelection</c> item) or the name <c>MshvSelection.txt</c>.
/// </summary>
public sealed record SelectionFile(string Path, EquatableArray<SelectedName> Names)
{
    /// <summary>The file's <c>count</c> and <c>kinds</c> lines (<see cref="SelectionDirective"/>), in file order.</summary>
    public EquatableArray<SelectionDirective> Directives { get; init; }

    public const string FileName = "MshvSelection.txt";
    public const string KindMetadata = "build_metadata.AdditionalFiles.MshvKind";
    public const string SelectionKind = "Selection";

    private static readonly string[] Keywords = { "struct ", "union ", "enum " };

    public static bool IsSelection(string path, string? kind) =>
        string.Equals(kind, SelectionKind, StringComparison.OrdinalIgnoreCase)
        || string.Equals(System.IO.Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase);

    public static SelectionFile Parse(string path, string? text)
    {
        var names = new List<SelectedName>();
        var directives = new List<SelectionDirective>();
        using var reader = new StringReader(text ?? string.Empty);
        int number = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            int comment = line.IndexOf('#');
            string name = (comment >= 0 ? line.Substring(0, comment) : line).Trim();
            string[] words = name.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 1 && SelectionDirective.IsKeyword(words[0]))
            {
                directives.Add(new SelectionDirective(words[0], words.Skip(1).ToEquatableArray(), new SourceLocation(path, number)));
                continue;
            }

            bool exclusion = name.StartsWith("-", StringComparison.Ordinal);
            name = exclusion ? name.Substring(1).Trim() : name;
            foreach (string keyword in Keywords)
            {
                if (name.StartsWith(keyword, StringComparison.Ordinal))
                {
                    name = name.Substring(keyword.Length).Trim();
                }
            }

            if (name.Length > 0)
            {
                names.Add(new SelectedName(exclusion ? "-" + name : name, number));
            }
        }

        return new SelectionFile(path, names.ToEquatableArray()) { Directives = directives.ToEquatableArray() };
    }
}
