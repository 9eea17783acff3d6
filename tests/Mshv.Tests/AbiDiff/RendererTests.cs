using System.Linq;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Xunit;

namespace Mshv.Tests.AbiDiffTests;

public sealed class RendererTests
{
    private static readonly AbiDiffReport Empty = new(new AbiChange[0]);

    private static readonly AbiDiffReport Mixed = new(new[]
    {
        new AbiChange(ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct mshv_create_partition", "grew from 32 bytes to 40 bytes", new SourceLocation("linux/mshv.h", 15), new SourceLocation("linux/mshv.h", 15)),
        new AbiChange(ChangeSeverity.Breaking, AbiChangeKind.FieldRemoved, "field a.b", "removed (a | b)", new SourceLocation("t.h", 3), null),
        new AbiChange(ChangeSeverity.Compatible, AbiChangeKind.MacroAdded, "macro HV_PARTITION_SYNTHETIC_PROCESSOR_FEATURES_BANKS", "new: 1 (int)", null, new SourceLocation("asm/hyperv-tlfs.h", 124)),
    });

    [Fact]
    public void Empty_report_renders_as_no_changes()
    {
        Assert.Equal("No ABI changes.\n", AbiDiffText.Render(Empty));
        Assert.Equal("No ABI changes.\n", AbiDiffMarkdown.Render(Empty));
    }

    [Fact]
    public void Text_lists_breaking_then_compatible_with_locations()
    {
        string text = AbiDiffText.Render(Mixed);

        Assert.StartsWith("ABI changes: 2 breaking, 1 compatible.\n", text);
        int breaking = text.IndexOf("Breaking (2):");
        int compatible = text.IndexOf("Compatible (1):");
        Assert.True(breaking > 0 && compatible > breaking, text);
        Assert.Contains("  struct mshv_create_partition [record-size-changed]  linux/mshv.h:15\n      grew from 32 bytes to 40 bytes\n", text);
        Assert.Contains("[field-removed]  was t.h:3", text);
    }

    [Fact]
    public void Both_renderers_list_what_changes_in_the_generated_CSharp_api()
    {
        Assert.EndsWith("\nGenerated C# API (1):\n  field a.b: the member is no longer generated\n", AbiDiffText.Render(Mixed));
        Assert.EndsWith("\n### Generated C# API (1)\n\n- `field a.b`: the member is no longer generated\n", AbiDiffMarkdown.Render(Mixed));
    }

    [Fact]
    public void Markdown_has_a_summary_and_a_table_per_severity()
    {
        string markdown = AbiDiffMarkdown.Render(Mixed);
        string[] lines = markdown.Split('\n');

        Assert.Equal("**ABI changes: 2 breaking, 1 compatible.**", lines[0]);
        Assert.Equal(new[] { "### Breaking (2)", "### Compatible (1)", "### Generated C# API (1)" }, lines.Where(l => l.StartsWith("### ")).ToArray());
        Assert.Equal(2, lines.Count(l => l == "| Change | Subject | Details | Where |"));
        Assert.Contains("| `record-size-changed` | `struct mshv_create_partition` | grew from 32 bytes to 40 bytes | `linux/mshv.h:15` |", lines);
    }

    [Fact]
    public void Markdown_escapes_what_would_break_the_table_or_turn_into_emphasis()
    {
        string markdown = AbiDiffMarkdown.Render(Mixed);

        Assert.Contains("| removed (a \\| b) |", markdown);
        Assert.Contains("`macro HV_PARTITION_SYNTHETIC_PROCESSOR_FEATURES_BANKS`", markdown);
        AbiDiffReport underscores = new(new[] { new AbiChange(ChangeSeverity.Breaking, AbiChangeKind.IoctlRequestChanged, "ioctl X", "_IOW encodes sizeof(struct a_b)", null, null) });
        Assert.Contains("| \\_IOW encodes sizeof(struct a\\_b) |", AbiDiffMarkdown.Render(underscores));
    }

    [Fact]
    public void Every_row_of_every_table_has_four_cells()
    {
        string markdown = AbiDiffMarkdown.Render(Mixed);

        foreach (string row in markdown.Split('\n').Where(l => l.StartsWith("|")))
        {
            int cells = row.Replace("\\|", string.Empty).Count(c => c == '|') - 1;
            Assert.Equal(4, cells);
        }
    }
}
