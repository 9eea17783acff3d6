using System.IO;
using System.Text;
using Mshv.Abi;
using Xunit;

namespace Mshv.Tests.Abi;

/// <summary>
/// <c>mshv scan --out</c> writes the model as UTF-8 a block at a time: the bytes must be exactly the text's, also where a
/// character outside the BMP (a surrogate pair) or an escape falls across the boundary of two blocks.
/// </summary>
public sealed class ModelStreamWriterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Streamed_model_is_the_utf8_of_its_text(int shift)
    {
        // Pairs all through the doc, long enough for several blocks: with either shift, some pair straddles a boundary.
        string doc = new string('x', shift) + string.Concat(System.Linq.Enumerable.Repeat("é \"𝄞\"\\", 12_000));
        string text = "abi 1\ntarget x86_64-unknown-linux-gnu\nheader test.h\n\n"
            + "struct s size=4 align=4 at=test.h:3\n  field len bit=0 type=u32 c=\"__u32\" at=\"my dir/test.h:4\"\n\n"
            + "enum e underlying=i32 at=test.h:7\n  const E_A value=-2\n\nend\n";
        AbiModel model = AbiModelReader.Read(text, "test.abi");
        model = model with { Records = new[] { model.Records[0] with { Doc = doc } }.ToEquatableArray() };

        var stream = new MemoryStream();
        AbiModelWriter.Write(model, stream);

        string written = AbiModelWriter.Write(model);
        Assert.True(written.Length > 3 * 16384);
        Assert.Equal(new UTF8Encoding(false).GetBytes(written), stream.ToArray());
        Assert.Equal(model, AbiModelReader.Read(Encoding.UTF8.GetString(stream.ToArray()), "test.abi"));
        Assert.Contains("at=\"my dir/test.h:4\"", written);
        Assert.Contains("const E_A value=-2\n", written);
    }

    [Fact]
    public void A_model_of_many_entities_streams_in_pieces_to_the_same_bytes()
    {
        var text = new StringBuilder("abi 1\ntarget x86_64-unknown-linux-gnu\nheader test.h\n\n");
        for (int i = 0; i < 3000; i++)
        {
            text.Append("macro M").Append(i).Append(" value=").Append(i).Append(" type=i32 c=\"int\" at=test.h:").Append(i + 1)
                .Append(" expansion=\"").Append(i).Append("\" doc=\"").Append('\u00e9', i % 7).Append("\ud834\udd1e\\\"\"\n");
        }

        AbiModel model = AbiModelReader.Read(text.Append("\nend\n").ToString(), "test.abi");
        var stream = new MemoryStream();
        AbiModelWriter.Write(model, stream);

        string written = AbiModelWriter.Write(model);
        Assert.True(written.Length > 10 * 16384);
        Assert.Equal(new UTF8Encoding(false).GetBytes(written), stream.ToArray());
    }

    [Fact]
    public void A_block_that_ends_inside_a_surrogate_pair_before_three_byte_text_is_encoded_whole()
    {
        // The first block (16,384 characters) ends on a pair's high half; the next holds the low half and 16,383
        // characters of three bytes each: 49,153 bytes, one more than three bytes a character.
        AbiModel model = AbiModelReader.Read(
            "abi 1\ntarget x86_64-unknown-linux-gnu\nheader test.h\n\nstruct s size=4 align=4 at=test.h:3\n\nend\n", "test.abi");
        AbiModel With(string doc) => model with { Records = new[] { model.Records[0] with { Doc = doc } }.ToEquatableArray() };
        int docStart = AbiModelWriter.Write(With("MARK")).IndexOf("MARK", System.StringComparison.Ordinal);
        string doc = new string('x', 16383 - docStart) + "\ud834\udd1e" + new string('\u20ac', 20_000);
        AbiModel documented = With(doc);
        Assert.Equal('\ud834', AbiModelWriter.Write(documented)[16383]);

        var stream = new MemoryStream();
        AbiModelWriter.Write(documented, stream);

        Assert.Equal(new UTF8Encoding(false).GetBytes(AbiModelWriter.Write(documented)), stream.ToArray());
    }
}
