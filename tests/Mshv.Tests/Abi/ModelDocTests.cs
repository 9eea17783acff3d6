using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Abi;

/// <summary>
/// Issue 10, item 8: the kernel's documentation rides in the model as an optional <c>doc="…"</c> at the end of a line, in
/// one canonical form (one paragraph a line, single spaces), escaped like every quoted value; models without it still read,
/// and abi-diff never reports a documentation change as an ABI change.
/// </summary>
public sealed class ModelDocTests
{
    private const string Head = "abi 1\ntarget x86_64-unknown-linux-gnu\nheader test.h\n\n";

    private const string Documented = Head
        + "struct s size=8 align=4 at=test.h:3 doc=\"arguments for S_SET\\nSecond paragraph.\"\n"
        + "  field len bit=0 type=u32 c=\"__u32\" at=test.h:4 doc=\"bytes, \\\"quoted\\\", a \\\\ and */ </summary> & <\"\n"
        + "  field pad bit=32 type=u32 c=\"__u32\" at=test.h:5\n\n"
        + "enum e underlying=u32 at=test.h:7 doc=\"an enum\"\n  const E_A value=0 doc=\"first\"\n\n"
        + "typedef t type=u32 c=\"__u32\" at=test.h:10 doc=\"a typedef\"\n\n"
        + "macro M value=1 type=i32 c=\"int\" at=test.h:12 expansion=\"1\" doc=\"a macro\"\n\nend\n";

    [Fact]
    public void Docs_read_back_exactly_and_write_the_same_text()
    {
        AbiModel model = AbiModelReader.Read(Documented, "test.abi");

        AbiRecord record = Assert.Single(model.Records);
        Assert.Equal("arguments for S_SET\nSecond paragraph.", record.Doc);
        Assert.Equal("bytes, \"quoted\", a \\ and */ </summary> & <", record.Fields[0].Doc);
        Assert.Null(record.Fields[1].Doc);
        Assert.Equal("an enum", model.Enums[0].Doc);
        Assert.Equal("first", model.Enums[0].Constants[0].Doc);
        Assert.Equal("a typedef", model.Typedefs[0].Doc);
        Assert.Equal("a macro", model.Macros[0].Doc);
        Assert.Equal(model, AbiModelReader.Read(AbiModelWriter.Write(model), "test.abi"));
        Assert.Contains("at=test.h:4 doc=\"bytes, \\\"quoted\\\", a \\\\ and */ </summary> & <\"\n", AbiModelWriter.Write(model));
    }

    [Fact]
    public void A_model_written_before_docs_reads_with_none()
    {
        // The seed snapshot as main had it before docs: the same lines without doc=.
        string old = WithoutDocs(File.ReadAllText(RepoPaths.SeedModel));
        Assert.DoesNotContain(" doc=", old);

        AbiModel model = AbiModelReader.Read(old, "old.abi");

        Assert.All(model.Records.SelectMany(r => r.Fields), f => Assert.Null(f.Doc));
        Assert.All(model.Records, r => Assert.Null(r.Doc));
        Assert.Equal(old, AbiModelWriter.Write(model));
    }

    [Theory]
    [InlineData("doc=\"\"", "empty")]
    [InlineData("doc=\"two  spaces\"", "double space")]
    [InlineData("doc=\" leading\"", "leading space")]
    [InlineData("doc=\"trailing \"", "trailing space")]
    [InlineData("doc=\"a\\n\\nb\"", "empty paragraph")]
    [InlineData("doc=\"tab\there\"", "tab")]
    [InlineData("doc=\"line\u2028separator\"", "line separator")]
    public void A_doc_not_in_canonical_form_is_rejected_at_its_line(string doc, string what)
    {
        string text = Head + "struct s size=4 align=4 at=test.h:3\n  field len bit=0 type=u32 c=\"__u32\" at=test.h:4 " + doc + "\n";

        AbiFormatException error = Assert.Throws<AbiFormatException>(() => AbiModelReader.Read(text, "test.abi"));

        Assert.True(error.Line == 6, what + ": reported at line " + error.Line);
        Assert.Contains("doc=", error.Reason);
    }

    [Fact]
    public void Abi_diff_finds_no_change_when_only_docs_differ()
    {
        AbiModel documented = AbiModelReader.Read(File.ReadAllText(RepoPaths.InRoot("headers", "upstream", "mshv.abi")), "mshv.abi");
        Assert.Contains(documented.Records, r => r.Doc is not null);
        AbiModel bare = AbiModelReader.Read(WithoutDocs(AbiModelWriter.Write(documented)), "bare.abi");
        Assert.NotEqual(documented, bare);

        Assert.True(AbiDiff.Compare(bare, documented).IsEmpty);
        Assert.True(AbiDiff.Compare(documented, bare).IsEmpty);
    }

    [Theory]
    [InlineData("  a  b \n\n\t c\r\n", "a b\nc")]
    [InlineData("\u0085\u2028 \n", null)]
    [InlineData("x\u0000y", "x y")]
    public void Normalize_makes_the_canonical_form(string raw, string? expected)
    {
        Assert.Equal(expected, AbiDoc.Normalize(raw));
        if (expected is not null)
        {
            Assert.True(AbiDoc.IsCanonical(expected));
        }
    }

    /// <summary>The model text with every <c>doc="…"</c> removed (always the last attribute of its line).</summary>
    internal static string WithoutDocs(string text) =>
        string.Join("\n", text.Split('\n').Select(l => l.Contains(" doc=\"", System.StringComparison.Ordinal) ? l.Substring(0, l.IndexOf(" doc=\"", System.StringComparison.Ordinal)) : l));
}
