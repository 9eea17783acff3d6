using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Abi;

/// <summary>
/// Issue 9, finding 7: a written model ends with an 'end' line, and the reader requires it of every model that starts
/// with the writer's banner, so a model cut at a record boundary is an error instead of a model with fewer records.
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
        Assert.Equal(truncated.Split('\n').Length, error.Line);
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
            .Where(p => !p.Contains("/bin/") && !p.Contains("/obj/") && File.ReadAllText(p).StartsWith(AbiModelWriter.Banner, System.StringComparison.Ordinal))
            .ToArray();

        Assert.NotEmpty(models);
        Assert.All(models, p => Assert.EndsWith("\n" + AbiModel.EndMarker + "\n", File.ReadAllText(p)));
    }
}
