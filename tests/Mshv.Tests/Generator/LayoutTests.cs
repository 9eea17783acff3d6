using System.Collections.Generic;
using System.Linq;
using Mshv.Tests.Generator.Support;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>Anonymous members, named members of unnamed type, multi-dimensional and flexible arrays, against C.</summary>
public sealed class LayoutTests
{
    [Fact]
    public void Nested_anonymous_members_at_a_nonzero_offset_alias_the_union_word()
    {
        var (c, cs) = TestModel.Run("struct outer", "outer", "v.hi = 0x1234; v.lo = 0xABCD; P(v.word); v.word = 0x01020304; P(v.lo); P(v.hi); PB(v);");

        Assert.Equal(c, cs);
    }

    [Fact]
    public void Two_dimensional_array_elements_sit_where_C_puts_them()
    {
        var (c, cs) = TestModel.Run("struct outer", "outer", "v.grid[1][2] = 7; v.grid[0][1] = 0xFFFFFFFF; P(v.grid[1][2]); PB(v);");

        Assert.Equal(c, cs);
    }

    [Fact]
    public void Flexible_array_accessors_address_the_elements_after_the_struct()
    {
        var (c, cs) = DualScenario.RunEach(
            TestModel.Header,
            TestModel.Sources,
            """
            unsigned char buf[sizeof(struct flex) + 3 * sizeof(uint64_t)]; memset(buf, 0, sizeof buf);
            struct flex *p = (struct flex *)buf; p->count = 3; p->tint = BLUE; p->entries[2] = 0x1122334455667788ULL; p->entries[0] = 1;
            P(sizeof buf); P(offsetof(struct flex, entries)); PB(buf);
            """,
            """
            var buf = new byte[flex.SizeWith_entries(3)];
            ref flex p = ref MemoryMarshal.AsRef<flex>(buf.AsSpan()); p.count = 3; p.tint = color.BLUE;
            var entries = flex.entries(buf, 3); entries[2] = 0x1122334455667788UL; entries[0] = 1;
            P(buf.Length); P(flex.entries_offset); foreach (byte b in buf) { P(b); }
            """);

        Assert.Equal(c, cs);
    }

    [Fact]
    public void Flexible_array_accessor_rejects_a_buffer_too_small_for_the_count()
    {
        var (c, cs) = DualScenario.RunEach(
            TestModel.Header,
            TestModel.Sources,
            "P(sizeof(struct flex) + 2 * sizeof(uint64_t));",
            """
            var buf = new byte[flex.SizeWith_entries(2)];
            P(buf.Length);
            try { flex.entries(buf, 3); P(0); } catch (ArgumentOutOfRangeException) { P(-1); }
            """);

        Assert.Equal(c.Append("-1"), cs);
    }

    [Fact]
    public void Enum_constants_and_macros_have_the_C_values()
    {
        var (c, cs) = DualScenario.RunEach(
            TestModel.Header,
            TestModel.Sources,
            "P(RED); P(BLUE); P(ANON_LIMIT); P(TEST_BIG); P(TEST_NEG); P(TEST_IOCTL);",
            "P((long)color.RED); P((long)color.BLUE); P(TestConstants.ANON_LIMIT); P(TestConstants.TEST_BIG); P(TestConstants.TEST_NEG); P(TestConstants.TEST_IOCTL);");

        Assert.Equal(c, cs);
    }

    [Fact]
    public void Ioctl_descriptor_has_the_C_request_and_its_direction_type()
    {
        var (c, cs) = DualScenario.RunEach(
            TestModel.Header,
            TestModel.Sources,
            "P(TEST_IOCTL);",
            "IoctlReadWrite<bits> request = TestIoctls.TEST_IOCTL; P(request.Request); P(request.Name == \"TEST_IOCTL\");");

        Assert.Equal(c.Append("1"), cs);
    }

    [Fact]
    public void Constants_are_typed_as_clang_typed_the_macros()
    {
        var assembly = GeneratedCode.Load(TestModel.Sources);
        var constants = assembly.GetType("Test.Interop.TestConstants", throwOnError: true)!;

        // The model's primitives were filled in by gcc's _Generic (see TestModel.Template).
        Assert.Equal(typeof(ulong), constants.GetField("TEST_BIG")!.FieldType);
        Assert.Equal(typeof(int), constants.GetField("TEST_NEG")!.FieldType);
        Assert.Equal(typeof(ulong), constants.GetField("TEST_IOCTL")!.FieldType);
        Assert.Equal(typeof(int), constants.GetField("ANON_LIMIT")!.FieldType);
        Assert.Equal(typeof(uint), System.Enum.GetUnderlyingType(assembly.GetType("Test.Interop.color", throwOnError: true)!));
    }

    [Fact]
    public void Every_test_struct_has_the_C_size()
    {
        string[] structs = { "bits", "crossing", "outer", "flex" };
        var (c, cs) = DualScenario.RunEach(
            TestModel.Header,
            TestModel.Sources,
            string.Concat(structs.Select(s => "P(sizeof(struct " + s + "));")),
            string.Concat(structs.Select(s => "P(System.Runtime.CompilerServices.Unsafe.SizeOf<" + s + ">());")));

        Assert.Equal(c, cs);
    }
}
