using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Abi;

/// <summary>
/// Issue 9, finding 7: a written model ends with an 'end' line, and the reader requires it of every model (with the
/// writer's banner or without: a hand-written or stripped model can be cut short too), so a model cut at a record boundary
/// is an error at its last line instead of a model with fewer records.
/// </summary>
public sealed class ModelEndMarkerTests
{
    [Fact]
    public void Written_model_ends_with_the_marker_and_reads_back()
    {
        AbiModel model = AbiModelReader.Read(File.ReadAllText(RepoPaths.SeedModel), "mshv.abi");
        string text = AbiModelWriter.Write(model);

        Assert.EndsWith("\n" + AbiModel.EndMarker + "\n", text);
        Assert.Equal(AbiModelWriter.Canonicalize(model), AbiModelReader.Read(text, "mshv.abi"));
    }

    [Fact]
    public void Model_cut_at_a_record_boundary_is_rejected_at_its_last_line()
    {
        string text = File.ReadAllText(RepoPaths.SeedModel);
        int cut = text.IndexOf("\n\nunion ", System.StringComparison.Ordinal) + 1;
        string truncated = text.Substring(0, cut);

        AbiFormatException error = Assert.Throws<AbiFormatException>(() => AbiModelReader.Read(truncated, "mshv.abi"));

        Assert.Contains("cut short", error.Reason);
        Assert.Equal(truncated.TrimEnd('\n').Split('\n').Length, error.Line);
        Assert.Equal("mshv.abi", error.File);
    }

    [Fact]
    public void Model_without_the_banner_is_rejected_when_it_lacks_the_marker_too()
    {
        string text = File.ReadAllText(RepoPaths.SeedModel);
        string stripped = text.Substring(text.IndexOf("abi ", System.StringComparison.Ordinal));
        string cut = stripped.Substring(0, stripped.IndexOf("\n\nunion ", System.StringComparison.Ordinal) + 1);

        Assert.Equal(AbiModelReader.Read(text, "mshv.abi"), AbiModelReader.Read(stripped, "mshv.abi"));
        AbiFormatException error = Assert.Throws<AbiFormatException>(() => AbiModelReader.Read(cut, "hand.abi"));

        Assert.Contains("cut short", error.Reason);
        Assert.Equal(cut.TrimEnd('\n').Split('\n').Length, error.Line);
    }

    [Fact]
    public void Text_after_the_marker_is_rejected()
    {
        string text = File.ReadAllText(RepoPaths.SeedModel) + "struct late size=4 align=4 at=x.h:1\n";

        AbiFormatException error = Assert.Throws<AbiFormatException>(() => AbiModelReader.Read(text, "mshv.abi"));

        Assert.Contains("after the 'end' line", error.Reason);
        Assert.Equal(text.Split('\n').Length - 1, error.Line);
    }

    [Fact]
    public void Every_checked_in_model_ends_with_the_marker()
    {
        string[] models = Directory.GetFiles(RepoPaths.Root, "*.abi", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/bin/") && !p.Contains("/obj/"))
            .ToArray();

        Assert.NotEmpty(models);
        Assert.All(models, p => Assert.EndsWith("\n" + AbiModel.EndMarker + "\n", File.ReadAllText(p)));
    }
}
