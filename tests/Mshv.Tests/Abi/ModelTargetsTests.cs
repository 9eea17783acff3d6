using System.IO;
using Mshv.Abi;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Abi;

/// <summary>
/// Issue 12: a model valid for several targets records the further ones as <c>also=</c> on its <c>target</c> line:
/// additive (a model without it reads as before), canonical (sorted, once each), and checked at its line.
/// </summary>
public sealed class ModelTargetsTests
{
    [Fact]
    public void Further_targets_are_written_sorted_on_the_target_line_and_read_back()
    {
        AbiModel seed = AbiModelReader.Read(File.ReadAllText(RepoPaths.SeedModel), "mshv.abi");
        AbiModel both = seed with { AlsoTargets = new[] { "riscv64-unknown-linux-gnu", "aarch64-unknown-linux-gnu" }.ToEquatableArray() };

        string text = AbiModelWriter.Write(both);
        AbiModel read = AbiModelReader.Read(text, "mshv.abi");

        Assert.Contains("\ntarget x86_64-unknown-linux-gnu also=aarch64-unknown-linux-gnu,riscv64-unknown-linux-gnu\n", text);
        Assert.Equal(new[] { "x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu", "riscv64-unknown-linux-gnu" }, read.Targets);
        Assert.Equal(text, AbiModelWriter.Write(read));
    }

    [Fact]
    public void A_model_of_one_target_has_no_further_targets_and_its_text_is_unchanged()
    {
        string text = File.ReadAllText(RepoPaths.SeedModel);
        AbiModel seed = AbiModelReader.Read(text, "mshv.abi");

        Assert.Empty(seed.AlsoTargets);
        Assert.Equal(new[] { "x86_64-unknown-linux-gnu" }, seed.Targets);
        Assert.Equal(text, AbiModelWriter.Write(seed));
    }

    [Theory]
    [InlineData("x86_64-unknown-linux-gnu")]
    [InlineData("aarch64-unknown-linux-gnu,aarch64-unknown-linux-gnu")]
    [InlineData("aarch64-unknown-linux-gnu,")]
    public void Further_targets_that_repeat_a_target_or_are_empty_are_an_error_at_the_target_line(string also)
    {
        string text = File.ReadAllText(RepoPaths.SeedModel).Replace("\ntarget x86_64-unknown-linux-gnu\n", "\ntarget x86_64-unknown-linux-gnu also=" + also + "\n");
        int line = System.Array.IndexOf(text.Split('\n'), "target x86_64-unknown-linux-gnu also=" + also) + 1;

        AbiFormatException error = Assert.Throws<AbiFormatException>(() => AbiModelReader.Read(text, "mshv.abi"));

        Assert.Equal(line, error.Line);
        Assert.Contains("also=", error.Reason);
    }
}
