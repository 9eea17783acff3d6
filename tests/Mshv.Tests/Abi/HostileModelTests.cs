using System.Text;
using Mshv.Abi;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Models;
using Mshv.Tests.Generator.Support;
using Xunit;

namespace Mshv.Tests.Abi;

/// <summary>
/// Regression tests for the hostile models of issue 9 (findings 2 and 3): each was accepted before and produced C#
/// that does not compile, or a model that says something else than its numbers. Now each is MSHV0001 at its line.
/// </summary>
public sealed class HostileModelTests
{
    private const string Head = "abi 1\ntarget x86_64-pc-linux-gnu\nheader test.h\n\n";

    private const string End = "\nend\n";

    // Line 5 is the first entity, line 6 its first member.
    [Theory]
    [InlineData("struct 1s size=4 align=4 at=test.h:1\n", 5, "not a C identifier")]
    [InlineData("struct s size=4 align=4 at=test.h:1\n  field a.b bit=0 type=u32 c=\"int\" at=test.h:2\n", 6, "not a C identifier")]
    [InlineData("struct s size=4 align=4 at=test.h:1\n  field a\tb bit=0 type=u32 c=\"int\" at=test.h:2\n", 6, "not a C identifier")]
    [InlineData("struct s size=4 align=4 at=test.h:1\n  field a\uFFFD bit=0 type=u32 c=\"int\" at=test.h:2\n", 6, "not a C identifier")]
    [InlineData("struct s<t size=4 align=4 at=test.h:1\n", 5, "not a C identifier")]
    [InlineData("struct s size=4 align=4 at=test.h:1\n  field 9lives bit=0 type=u32 c=\"int\" at=test.h:2\n", 6, "not a C identifier")]
    [InlineData("macro 2X value=1 type=i32 c=\"int\" at=test.h:1 expansion=\"1\"\n", 5, "not a C identifier")]
    [InlineData("struct s size=4 align=4 at=test.h:1\n  field a bit=0 type=record:x<y> c=\"int\" at=test.h:2\n", 6, "not a C identifier")]
    [InlineData("struct s size=4 align=4 at=te\u0001st.h:1\n", 5, "control character")]
    public void Name_that_is_not_a_C_identifier_is_rejected_at_its_line(string body, int line, string reason) =>
        AssertRejected(body, line, reason);

    [Theory]
    [InlineData("struct s size=8 align=4 at=test.h:1\n  field a bit=0 type=u32 c=\"int\" at=test.h:2\n  field b bit=16 type=u32 c=\"int\" at=test.h:3\n", 7, "overlaps field a")]
    [InlineData("struct s size=8 align=4 at=test.h:1\n  field a bit=0 width=9 type=u32 c=\"int\" at=test.h:2\n  field b bit=8 type=u8 c=\"char\" at=test.h:3\n", 7, "overlaps field a")]
    [InlineData("struct s size=8 align=4 at=test.h:1\n  field a bit=0 width=5 type=u32 c=\"int\" at=test.h:2\n  field b bit=4 width=3 type=u32 c=\"int\" at=test.h:3\n", 7, "overlaps field a")]
    public void Overlapping_struct_members_are_rejected(string body, int line, string reason) => AssertRejected(body, line, reason);

    [Fact]
    public void Union_members_may_share_bits()
    {
        AbiModel model = AbiModelReader.Read(Head + "union u size=4 align=4 at=test.h:1\n  field a bit=0 type=u32 c=\"int\" at=test.h:2\n  field b bit=0 type=u16 c=\"short\" at=test.h:3\n" + End, "test.abi");

        Assert.Equal(2, model.Records[0].Fields.Count);
    }

    [Theory]
    // _IOW(0xB8, 0x00, 8 bytes) is 0x4008b800: direction write, not read.
    [InlineData("ioctl X request=0x4008b800 dir=read type=0xb8 nr=0x0 size=8 at=test.h:1\n", 5, "dir=read but the request's direction bits are 1")]
    [InlineData("ioctl X request=0x4008b800 dir=write type=0xb9 nr=0x0 size=8 at=test.h:1\n", 5, "type=0xb9 but the request's type is 0xb8")]
    [InlineData("ioctl X request=0x4008b800 dir=write type=0xb8 nr=0x1 size=8 at=test.h:1\n", 5, "nr=0x1")]
    [InlineData("ioctl X request=0x4008b800 dir=write type=0xb8 nr=0x0 size=16 at=test.h:1\n", 5, "size=16 but the request's size is 8")]
    [InlineData("ioctl X request=0x4008b800 dir=write type=0xb8 nr=0x0 size=-4096 at=test.h:1\n", 5, "size=-4096 is not an ioctl argument size")]
    [InlineData("ioctl X request=0x4008b800 dir=write type=0x1b8 nr=0x0 size=8 at=test.h:1\n", 5, "does not fit the 8 bits")]
    public void Ioctl_fields_must_agree_with_the_request(string body, int line, string reason) => AssertRejected(body, line, reason);

    [Fact]
    public void Powerpc_request_decodes_with_three_direction_bits()
    {
        // powerpc _IOW(0xB8, 0, 8 bytes): _IOC_WRITE is 4 in bits 29..31 and the size has 13 bits.
        string text = "abi 1\ntarget powerpc64le-unknown-linux-gnu\nheader test.h\n\nioctl X request=0x8008b800 dir=write type=0xb8 nr=0x0 size=8 at=test.h:1\n" + End;

        Assert.Equal(IoctlDirection.Write, AbiModelReader.Read(text, "test.abi").Ioctls[0].Direction);
    }

    [Theory]
    [InlineData("struct s size=4 align=4 at=test.h:1\n  field a bit=0 type=u32 c=\"int\" at=test.h:2\n\nstruct s size=4 align=4 at=test.h:4\n", 8, "struct s appears twice")]
    [InlineData("struct s size=8 align=4 at=test.h:1\n  field a bit=0 type=u32 c=\"int\" at=test.h:2\n  field a bit=32 type=u32 c=\"int\" at=test.h:3\n", 7, "field a appears twice")]
    [InlineData("macro A value=1 type=i32 c=\"int\" at=test.h:1 expansion=\"1\"\nmacro A value=2 type=i32 c=\"int\" at=test.h:2 expansion=\"2\"\n", 6, "macro A appears twice")]
    [InlineData("enum e underlying=u32 at=test.h:1\n  const A value=1\n  const A value=2\n", 7, "const A appears twice")]
    public void Duplicate_records_members_and_entities_are_rejected(string body, int line, string reason) => AssertRejected(body, line, reason);

    [Fact]
    public void Member_repeated_through_an_anonymous_member_is_rejected()
    {
        string body = "struct s size=8 align=4 at=test.h:1\n"
            + "  field - bit=0 type=record:s.anon0 c=\"struct {...}\" at=test.h:2\n"
            + "  field x bit=32 type=u32 c=\"int\" at=test.h:3\n\n"
            + "struct s.anon0 size=4 align=4 anonymous at=test.h:2\n"
            + "  field x bit=0 type=u32 c=\"int\" at=test.h:2\n";

        AssertRejected(body, 7, "field x repeats a member name");
    }

    [Fact]
    public void Record_that_contains_itself_is_rejected()
    {
        string body = "struct a size=8 align=4 at=test.h:1\n  field b bit=0 type=record:b c=\"struct b\" at=test.h:2\n\n"
            + "struct b size=8 align=4 at=test.h:4\n  field a bit=0 type=record:a c=\"struct a\" at=test.h:5\n";

        AssertRejected(body, 6, "contain itself");
    }

    [Fact]
    public void Record_with_a_flexible_array_of_itself_is_not_a_cycle()
    {
        string body = "struct a size=8 align=8 at=test.h:1\n  field n bit=0 type=u64 c=\"long\" at=test.h:2\n  field next bit=64 type=record:a[0] c=\"struct a[]\" at=test.h:3\n";

        Assert.Single(AbiModelReader.Read(Head + body + End, "test.abi").Records);
    }

    [Fact]
    public void Rejected_model_reaches_the_generator_as_MSHV0001_with_its_line()
    {
        EmitResult result = GeneratedCode.Emit(Head + "struct s size=8 align=4 at=test.h:1\n  field a bit=0 type=u32 c=\"int\" at=test.h:2\n  field b bit=16 type=u32 c=\"int\" at=test.h:3\n" + End);

        EmitDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.ModelUnreadable, diagnostic.Id);
        Assert.Equal("test.abi:7", diagnostic.HeaderLocation!.ToString());
        Assert.Empty(result.Files);
    }

    [Fact]
    public void Header_path_with_a_space_round_trips_through_the_writer()
    {
        string text = Head.Replace("header test.h", "header \"my dir/test.h\"")
            + "struct s size=4 align=4 at=\"my dir/test.h:1\"\n  field a bit=0 type=u32 c=\"int\" at=\"my dir/test.h:2\"\n\n"
            + "enum \"anon@my dir/test.h:3\" anonymous underlying=u32 at=\"my dir/test.h:3\"\n  const A value=1\n" + End;

        AbiModel model = AbiModelReader.Read(text, "test.abi");
        AbiModel again = AbiModelReader.Read(AbiModelWriter.Write(model), "test.abi");

        Assert.Equal("my dir/test.h", again.Headers[0]);
        Assert.Equal("my dir/test.h", again.Records[0].Location.File);
        Assert.Equal("anon@my dir/test.h:3", again.Enums[0].Name);
        Assert.Equal(AbiModelWriter.Canonicalize(model), again);
    }

    [Fact]
    public void Anonymous_members_sharing_a_record_are_rejected_before_their_names_double_at_each_level()
    {
        // u0 holds two anonymous members of u1, u1 two of u2, and so on: 2^20 paths to flatten (2^64 at the reader's depth
        // limit), and with nameless leaves no repeated name ever stopped the walk.
        var body = new StringBuilder("struct root size=4 align=4 at=test.h:1\n  field - bit=0 type=record:u0 c=\"union {...}\" at=test.h:1\n\n");
        for (int k = 0; k < 20; k++)
        {
            body.Append("union u").Append(k).Append(" size=4 align=4 anonymous at=test.h:2\n");
            body.Append("  field - bit=0 type=record:u").Append(k + 1).Append(" c=\"union {...}\" at=test.h:2\n");
            body.Append("  field - bit=0 type=record:u").Append(k + 1).Append(" c=\"union {...}\" at=test.h:2\n\n");
        }

        body.Append("struct u20 size=4 align=4 anonymous at=test.h:3\n  field - bit=0 width=32 type=u32 c=\"int\" at=test.h:3\n");

        // The body starts at line 5: root and its member, a blank line, then u0 and its members (the second at line 10).
        AssertRejected(body.ToString(), 10, "each anonymous member has a record of its own");
    }

    [Fact]
    public void A_containment_chain_of_fifty_thousand_records_is_checked_without_recursion()
    {
        // r0 holds r1, which holds r2, ...; the last holds r0. A recursive walk overflowed the stack (ending the compiler).
        const int count = 50_000;
        var body = new StringBuilder();
        for (int k = 0; k < count; k++)
        {
            body.Append("struct r").Append(k).Append(" size=4 align=4 at=test.h:1\n");
            body.Append("  field x bit=0 type=record:r").Append((k + 1) % count).Append(" c=\"struct r\" at=test.h:1\n\n");
        }

        AssertRejected(body.ToString(), 6, "makes struct r0 contain itself");
        // Without the cycle: read, and every record is there.
        string acyclic = body.ToString().Replace("type=record:r0 ", "type=u32 ", System.StringComparison.Ordinal);
        Assert.Equal(count, AbiModelReader.Read(Head + acyclic + End, "test.abi").Records.Count);
    }

    private static void AssertRejected(string body, int line, string reason)
    {
        AbiFormatException error = Assert.Throws<AbiFormatException>(() => AbiModelReader.Read(Head + body + End, "test.abi"));

        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason);
    }
}
