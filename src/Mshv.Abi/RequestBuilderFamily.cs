using System.Linq;

namespace Mshv.Abi;

/// <summary>
/// The requests a builder (<c>EVIOCGNAME(len)</c>) can compute, as one number and a mask: <see cref="BaseRequest"/> is
/// the request for all-zero arguments, and <see cref="VariableBits"/> the bits of the number and size fields that its
/// arguments move (the whole field: a seccomp allow-list compares <c>request &amp; ~VariableBits</c>). Where only the size
/// varies (a buffer length) that is exactly the builder's family; where the number varies too (<c>EVIOCGBIT(ev,len)</c>)
/// it also admits the other numbers of that direction and type. The field positions come from the model's own linear
/// forms (the request's coefficient of each argument is the number's and the size's, shifted into place).
/// </summary>
public static class RequestBuilderFamily
{
    public static ulong BaseRequest(AbiRequestBuilder builder) => builder.Request.Constant;

    /// <summary>The mask, or null when the forms do not show where the fields sit (or the request exceeds 32 bits).</summary>
    public static uint? VariableBits(AbiRequestBuilder builder)
    {
        int? numberShift = Shift(builder, builder.Number, builder.Size);
        int? sizeShift = Shift(builder, builder.Size, builder.Number);
        bool numberVaries = !builder.Number.IsConstant;
        bool sizeVaries = !builder.Size.IsConstant;
        if ((numberVaries && numberShift is null) || (sizeVaries && sizeShift is null) || builder.Request.Constant > uint.MaxValue)
        {
            return null;
        }

        ulong mask = (numberVaries ? builder.NumberMax << numberShift!.Value : 0) | (sizeVaries ? builder.SizeMax << sizeShift!.Value : 0);
        return mask > uint.MaxValue ? null : (uint)mask;
    }

    /// <summary>
    /// Where <paramref name="field"/> sits in the request: the shift that turns its coefficient of an argument moving only
    /// this field into the request's coefficient, the same for every such argument.
    /// </summary>
    private static int? Shift(AbiRequestBuilder builder, LinearForm field, LinearForm other)
    {
        int? shift = null;
        for (int i = 0; i < builder.Parameters.Count; i++)
        {
            if (field.Coefficients[i] == 0 || other.Coefficients[i] != 0)
            {
                continue;
            }

            int? found = Enumerable.Range(0, 32).Cast<int?>()
                .FirstOrDefault(s => (field.Coefficients[i] << s!.Value) == builder.Request.Coefficients[i]);
            if (found is null || (shift is not null && shift != found))
            {
                return null;
            }

            shift = found;
        }

        return shift;
    }
}
