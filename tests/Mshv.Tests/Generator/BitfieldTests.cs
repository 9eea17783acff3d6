using Mshv.Tests.Generator.Support;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>Bitfield accessors behave as C's bitfields do; every expected value is what the C program prints.</summary>
public sealed class BitfieldTests
{
    [Fact]
    public void Bitfield_setter_leaves_neighbouring_bits_untouched()
    {
        var (c, cs) = TestModel.Run("struct bits", "bits", "v.signed_mid = 0; v.tail = 0; PB(v);", fill: 0xFF);

        Assert.Equal(c, cs);
    }

    [Fact]
    public void Bitfield_getters_read_what_C_wrote_next_to_other_fields()
    {
        var (c, cs) = TestModel.Run("struct bits", "bits", "v.low = 5; v.byte_after = 0xAB; v.tail = 0x155; P(v.low); P(v.byte_after); P(v.tail); PB(v);");

        Assert.Equal(c, cs);
    }

    [Fact]
    public void Signed_bitfield_sign_extends()
    {
        var (c, cs) = TestModel.Run("struct bits", "bits", "v.signed_mid = -3; v.wide_signed = -123456789; P(v.signed_mid); P(v.wide_signed); PB(v);");

        Assert.Equal(c, cs);
        Assert.Equal("-3", cs[0]);
    }

    [Fact]
    public void Signed_bitfield_setter_masks_values_that_do_not_fit()
    {
        // 0x35 does not fit 5 bits: C keeps the low 5 bits (implementation-defined, gcc truncates), and so do we.
        var (c, cs) = TestModel.Run("struct bits", "bits", "v.signed_mid = 0x35; P(v.signed_mid); PB(v);", fill: 0x00);

        Assert.Equal(c, cs);
    }

    [Fact]
    public void Bool_bitfield_reads_and_writes_one_bit()
    {
        var (c, cs) = TestModel.Run("struct bits", "bits", "v.flag = true; P(v.flag); PB(v); v.flag = false; P(v.flag); PB(v);", fill: 0x00);

        Assert.Equal(c, cs);
        Assert.Equal("1", cs[0]);
    }

    [Fact]
    public void Bitfield_crossing_a_64_bit_word_round_trips()
    {
        var (c, cs) = TestModel.Run("struct crossing", "crossing", "v.straddle = 0x2A5; P(v.straddle); PB(v); v.head = 0; P(v.straddle); PB(v);", fill: 0xFF);

        Assert.Equal(c, cs);
    }

    [Fact]
    public void Bitfield_in_a_named_member_of_unnamed_type_sign_extends()
    {
        var (c, cs) = TestModel.Run("struct outer", "outer", "v.named.y = -2; v.named.x = 9; P(v.named.y); P(v.named.x); PB(v);", fill: 0x55);

        Assert.Equal(c, cs);
    }

    [Fact]
    public void Enum_typed_bitfield_reads_and_writes_the_enum()
    {
        var (c, cs) = DualScenario.RunEach(
            TestModel.Header,
            TestModel.Sources,
            "struct tagged v; memset(&v, 0xFF, sizeof v); v.hue = GREEN; P(v.hue); P(v.rest); PB(v);",
            "var v = new tagged(); FILL(ref v, 0xFF); v.hue = color.GREEN; P((long)v.hue); P(v.rest); PB(v);");

        Assert.Equal(c, cs);
    }
}
