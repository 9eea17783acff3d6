using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Models;
using Mshv.Tests.Generator.Support;
using Xunit;

namespace Mshv.Tests.Abi;

/// <summary>
/// A model whose numbers contradict each other is rejected at the offending line (MSHV0001) instead of
/// producing a layout C# cannot hold. The model text here is input, not an expected layout.
/// </summary>
public sealed class ModelConsistencyTests
{
    private const string Head = "abi 1\ntarget x86_64-pc-linux-gnu\nheader test.h\n\n";

    private const string End = "\nend\n";

    [Theory]
    [InlineData("struct s size=8 align=4 at=test.h:1\n  field a bit=12 type=u32 c=\"int\" at=test.h:2\n", 6, "multiple of 8")]
    [InlineData("struct s size=8 align=4 at=test.h:1\n  field a bit=32 type=u64 c=\"long\" at=test.h:2\n", 6, "past the end")]
    [InlineData("struct s size=4 align=4 at=test.h:1\n  field a bit=0 width=3 type=u32 c=\"int\" at=test.h:2\n  field b bit=30 width=3 type=u32 c=\"int\" at=test.h:3\n", 7, "past the end")]
    [InlineData("struct s size=4 align=4 at=test.h:1\n  field a bit=0 type=u32[2] c=\"int[2]\" at=test.h:2\n", 6, "past the end")]
    [InlineData("struct s size=8 align=4 at=test.h:1\n  field a bit=137438953472 type=u8 c=\"char\" at=test.h:2\n", 6, "fits an int")]
    [InlineData("struct s size=8 align=4 at=test.h:1\n  field a bit=0 width=3 type=f32 c=\"float\" at=test.h:2\n", 6, "only for integer")]
    [InlineData("struct s size=8 align=8 at=test.h:1\n  field a bit=0 width=3 type=record:t c=\"struct t\" at=test.h:2\n", 6, "only for integer")]
    [InlineData("struct s size=8 align=3 at=test.h:1\n  field a bit=0 type=u8 c=\"char\" at=test.h:2\n", 5, "power of two")]
    [InlineData("struct s size=8 align=0 at=test.h:1\n", 5, "power of two")]
    [InlineData("struct s size=8 align=4 at=test.h:1\n  field a bit=0 width=33 type=u32 c=\"int\" at=test.h:2\n", 6, "does not fit type=u32")]
    [InlineData("struct s size=8 align=4 at=test.h:1\n  field a bit=0 width=2 type=bool c=\"_Bool\" at=test.h:2\n", 6, "does not fit type=bool")]
    public void Inconsistent_model_is_rejected_at_the_line(string body, int line, string reason)
    {
        AbiFormatException error = Assert.Throws<AbiFormatException>(() => AbiModelReader.Read(Head + body + End, "test.abi"));

        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void Field_of_a_record_declared_later_is_checked_against_that_records_size()
    {
        string body = "struct s size=8 align=4 at=test.h:1\n  field inner bit=32 type=record:t c=\"struct t\" at=test.h:2\n\n"
            + "struct t size=8 align=4 at=test.h:4\n  field a bit=0 type=u64 c=\"long\" at=test.h:5\n";

        AbiFormatException error = Assert.Throws<AbiFormatException>(() => AbiModelReader.Read(Head + body + End, "test.abi"));

        Assert.Equal(6, error.Line);
        Assert.Contains("past the end of struct s", error.Reason);
    }

    [Fact]
    public void Consistent_model_with_bitfields_flexible_arrays_and_unknown_records_reads()
    {
        string body = "struct s size=16 align=8 at=test.h:1\n"
            + "  field a bit=0 width=1 type=bool c=\"_Bool\" at=test.h:2\n"
            + "  field b bit=1 width=63 type=u64 c=\"long\" at=test.h:3\n"
            + "  field c bit=64 type=record:elsewhere c=\"struct elsewhere\" at=test.h:4\n"
            + "  field d bit=128 type=u64[0] c=\"long[]\" at=test.h:5\n";

        AbiModel model = AbiModelReader.Read(Head + body + End, "test.abi");

        Assert.Equal(4, model.Records.Single().Fields.Count);
    }

    [Fact]
    public void Inconsistent_model_becomes_MSHV0001_at_the_model_line()
    {
        string body = "struct s size=4 align=4 at=test.h:1\n  field a bit=0 type=u64 c=\"long\" at=test.h:2\n";

        EmitResult result = GeneratedCode.Emit(Head + body + End);

        EmitDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.ModelUnreadable, diagnostic.Id);
        Assert.Equal("test.abi:6", diagnostic.HeaderLocation!.ToString());
        Assert.Empty(result.Files);
    }
}
