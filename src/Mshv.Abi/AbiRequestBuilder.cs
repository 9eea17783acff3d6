using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Mshv.Abi;

/// <summary>
/// A function-like macro that builds an ioctl request from its arguments, such as
/// <c>#define EVIOCGBIT(ev,len) _IOC(_IOC_READ, 'E', 0x20 + (ev), len)</c>. Every number is as clang evaluated the macro:
/// the request and its number and size fields are linear in the arguments (<see cref="LinearForm"/>), direction and
/// type do not depend on them. <see cref="NumberMax"/> and <see cref="SizeMax"/> are the largest values the headers'
/// <c>_IOC_NR</c> and <c>_IOC_SIZE</c> can decode: C wraps a larger one silently into the neighbouring fields.
/// <see cref="ArgumentCType"/> is the type the body names (<c>struct input_absinfo</c>), when it does not depend on
/// the arguments, with its layout in <see cref="ArgumentType"/>.
/// </summary>
public sealed record AbiRequestBuilder(
    string Name,
    EquatableArray<string> Parameters,
    LinearForm Request,
    IoctlDirection Direction,
    uint Type,
    LinearForm Number,
    ulong NumberMax,
    LinearForm Size,
    ulong SizeMax,
    string? ArgumentCType,
    AbiType? ArgumentType,
    string Expansion,
    SourceLocation Location)
{
    /// <summary>The parameter whose value is the size field exactly (<c>EVIOCGNAME(len)</c>), or null.</summary>
    public string? BufferLengthParameter =>
        Parameters.Count == 1 && Size.Constant == 0 && Size.Coefficients[0] == 1 && Number.Coefficients[0] == 0 && ArgumentCType is null
            ? Parameters[0]
            : null;

    /// <summary>The kernel's documentation of it (<see cref="AbiDoc"/>), or null; never part of the ABI.</summary>
    public string? Doc { get; init; }
}

/// <summary>
/// <c>Constant + Σ Coefficients[i] × parameter i</c>, with non-negative coefficients, one per parameter. Text form:
/// <c>0x20+ev</c>, <c>0x80004520+ev+0x10000*len</c>, <c>0x0</c>: the constant in hex, then each parameter with a
/// non-zero coefficient (a coefficient of 1 is not written).
/// </summary>
public sealed record LinearForm(ulong Constant, EquatableArray<ulong> Coefficients)
{
    public bool IsConstant => Coefficients.All(c => c == 0);

    public ulong At(params ulong[] arguments)
    {
        ulong value = Constant;
        for (int i = 0; i < Coefficients.Count; i++)
        {
            value = unchecked(value + (Coefficients[i] * arguments[i]));
        }

        return value;
    }

    public string Format(EquatableArray<string> parameters)
    {
        var text = new StringBuilder("0x" + Constant.ToString("x", CultureInfo.InvariantCulture));
        for (int i = 0; i < Coefficients.Count; i++)
        {
            if (Coefficients[i] != 0)
            {
                text.Append('+');
                if (Coefficients[i] != 1)
                {
                    text.Append("0x").Append(Coefficients[i].ToString("x", CultureInfo.InvariantCulture)).Append('*');
                }

                text.Append(parameters[i]);
            }
        }

        return text.ToString();
    }

    /// <summary>Reads <see cref="Format"/>'s text; null when it is malformed or names a parameter not in the list.</summary>
    public static LinearForm? Parse(string text, EquatableArray<string> parameters)
    {
        string[] terms = text.Split('+');
        if (!TryHex(terms[0], out ulong constant))
        {
            return null;
        }

        var coefficients = new ulong[parameters.Count];
        foreach (string term in terms.Skip(1))
        {
            int star = term.IndexOf('*');
            ulong coefficient = 1;
            if (star >= 0 && !TryHex(term.Substring(0, star), out coefficient))
            {
                return null;
            }

            int index = IndexOf(parameters, star >= 0 ? term.Substring(star + 1) : term);
            if (index < 0 || coefficients[index] != 0 || coefficient == 0)
            {
                return null;
            }

            coefficients[index] = coefficient;
        }

        return new LinearForm(constant, coefficients.ToEquatableArray());
    }

    private static int IndexOf(EquatableArray<string> parameters, string name)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryHex(string text, out ulong value)
    {
        value = 0;
        return text.StartsWith("0x", StringComparison.Ordinal)
            && ulong.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }
}
