using Mshv.Scanner;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>Only a field macro that is exactly <c>((nr) &gt;&gt; S) &amp; M</c> is decoded from the folded request.</summary>
public sealed class ShiftMaskFieldTests
{
    [Theory]
    [InlineData("( ( ( nr ) >> _IOC_DIRSHIFT ) & _IOC_DIRMASK )", "_IOC_DIRSHIFT", "_IOC_DIRMASK")]
    [InlineData("nr >> 8 & 0xff", "8", "0xff")]
    [InlineData("( ( nr >> ( S ) ) & ( M ) )", "S", "M")]
    public void The_shift_and_mask_form_is_recognized(string body, string shift, string mask) =>
        Assert.Equal(new ShiftMaskField(shift, mask), ShiftMaskField.Of(Macro(body)));

    [Theory]
    [InlineData("( nr ) >> ( S & M )")]
    [InlineData("( ( nr ) >> S ) & M & N")]
    [InlineData("( ( ( nr ) >> S ) & 6 ) ? ( ( ( nr ) >> 16 ) & 0x1fff ) : 0")]
    [InlineData("( ( other ) >> S ) & M")]
    [InlineData("( ( nr + 1 ) >> S ) & M")]
    [InlineData("( nr ) & 0xff")]
    public void Any_other_form_is_not(string body) => Assert.Null(ShiftMaskField.Of(Macro(body)));

    [Fact]
    public void Decoding_shifts_then_masks_the_request_bits() =>
        Assert.Equal(0xaeUL, ShiftMaskField.Decode(0xc008ae67UL, 8, 0xff));

    private static FunctionMacro Macro(string body) => new(new[] { "nr" }, false, body.Split(' '));
}
