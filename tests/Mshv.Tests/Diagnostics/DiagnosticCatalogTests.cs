using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Mshv.Abi.Diagnostics;
using Mshv.Generator.Diagnostics;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Diagnostics;

/// <summary>One table holds every diagnostic id and its texts; the sources raise only declared ids; the docs list the table.</summary>
public sealed class DiagnosticCatalogTests
{
    private static readonly Regex IdPattern = new(@"\bMSHV(?:S\d{3}|\d{4})\b", RegexOptions.CultureInvariant);

    [Fact]
    public void Every_id_is_declared_once_in_the_series_of_its_origin()
    {
        Assert.Equal(DiagnosticCatalog.All.Count, DiagnosticCatalog.All.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count());
        foreach (DiagnosticText text in DiagnosticCatalog.All)
        {
            string series = text.Origin switch
            {
                DiagnosticOrigin.Generator => @"^MSHV0\d{3}$",
                DiagnosticOrigin.Scanner => @"^MSHVS\d{3}$",
                DiagnosticOrigin.Build => @"^MSHV1\d{3}$",
                _ => @"^MSHV2\d{3}$",
            };
            Assert.Matches(series, text.Id);
            Assert.False(string.IsNullOrWhiteSpace(text.Title), text.Id + " has no title");
            Assert.False(string.IsNullOrWhiteSpace(text.Help), text.Id + " has no help");
            Assert.Contains("{0}", text.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_undeclared_id_throws_instead_of_reporting_without_texts()
    {
        Assert.Throws<ArgumentException>(() => DiagnosticCatalog.Get("MSHV9999"));
        Assert.Throws<ArgumentException>(() => DiagnosticCatalog.Hint(MshvDiagnostics.InexactType));
    }

    [Fact]
    public void Every_id_the_sources_and_build_targets_raise_is_declared()
    {
        string src = RepoPaths.InRoot("src");
        string[] files = Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal)
                || f.EndsWith(".props", StringComparison.Ordinal))
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToArray();
        Assert.NotEmpty(files);
        var undeclared = files
            .SelectMany(f => IdPattern.Matches(File.ReadAllText(f)).Select(m => (Id: m.Value, File: Path.GetRelativePath(src, f))))
            .Where(hit => !DiagnosticCatalog.All.Any(d => d.Id == hit.Id))
            .Select(hit => hit.Id + " in " + hit.File)
            .Distinct()
            .ToArray();
        Assert.True(undeclared.Length == 0, "declare these in DiagnosticCatalog: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void The_generator_and_scanner_id_constants_are_declared_with_their_severity()
    {
        foreach (string id in new[]
        {
            MshvDiagnostics.ModelUnreadable, MshvDiagnostics.InexactType, MshvDiagnostics.MissingRecord, MshvDiagnostics.NameCollision,
            MshvDiagnostics.InvalidOption, MshvDiagnostics.UnknownSelection, MshvDiagnostics.FlexibleArrayCount,
        })
        {
            Assert.Equal(DiagnosticOrigin.Generator, DiagnosticCatalog.Get(id).Origin);
        }

        Assert.True(MshvDiagnostics.IsError(MshvDiagnostics.ModelUnreadable));
        Assert.False(MshvDiagnostics.IsError(MshvDiagnostics.NameCollision));
        foreach (string id in typeof(ScanDiagnosticIds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
        {
            Assert.Equal(DiagnosticOrigin.Scanner, DiagnosticCatalog.Get(id).Origin);
        }
    }

    [Fact]
    public void The_docs_list_every_id_with_its_severity_title_and_help_and_nothing_else()
    {
        string[] lines = File.ReadAllLines(RepoPaths.InRoot("docs", "diagnostics.md"));
        string[] rows = lines.Where(l => IdPattern.IsMatch(l) && l.StartsWith("| `MSHV", StringComparison.Ordinal)).ToArray();
        Assert.Equal(DiagnosticCatalog.All.Select(Row), rows);
    }

    /// <summary>The docs row of one id (docs/diagnostics.md is written in this form, in the table's order).</summary>
    internal static string Row(DiagnosticText text) =>
        "| `" + text.Id + "` | " + (text.IsError ? "error" : "warning") + " | " + text.Title + " | " + text.Help + " |";
}
