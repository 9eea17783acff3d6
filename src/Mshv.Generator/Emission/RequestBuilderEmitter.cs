using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// Function-like request macros (<c>EVIOCGNAME(len)</c>) as static methods of <c>{Prefix}Ioctls</c> returning the request
/// number exactly as the C macro computes it, from the model's linear forms. Where C would silently wrap a number or
/// size into the neighbouring bits (<c>EVIOCGNAME(16384)</c> encodes size 0), the method throws
/// <see cref="System.ArgumentOutOfRangeException"/>. Typed forms go into the nested class <c>Typed</c>: a byte-buffer
/// descriptor where the only argument is the size (<c>Typed.EVIOCGNAME</c>, whose size comes from the span's length),
/// and a method returning the argument-typed descriptor where the body names the argument type (<c>Typed.EVIOCGABS(abs)</c>).
/// </summary>
internal static class RequestBuilderEmitter
{
    public const string TypedClass = "Typed";

    /// <summary>The table of every builder's base request and variable bits (beside <c>{Prefix}Ioctls.All</c>).</summary>
    public const string AllBuildersTable = "AllBuilders";

    public static void Emit(IndentedWriter writer, EmissionContext context)
    {
        string access = context.Options.EmitIoctlSupportTypes ? "internal" : "public";
        writer.Open(access + " static partial class " + context.IoctlsClass);
        var typed = new List<(AbiRequestBuilder Builder, string Form)>();
        bool first = true;
        foreach (AbiRequestBuilder builder in context.Model.RequestBuilders)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            WriteMethod(writer, builder, context);
            if (TypedForm(builder, context) is string form)
            {
                typed.Add((builder, form));
            }
        }

        if (typed.Count > 0)
        {
            writer.Line();
            writer.Summary("The request builders above bound to what their buffer is: pass these to <c>FileDescriptorHandle.Ioctl</c>.");
            writer.Open("public static class " + TypedClass);
            first = true;
            foreach ((AbiRequestBuilder builder, string form) in typed)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                WriteTyped(writer, builder, form, context);
            }

            writer.Close();
        }

        EmitAllBuilders(writer, context);
        writer.Close();
    }

    /// <summary>
    /// <c>AllBuilders</c>: beside <c>All</c> (fixed numbers), each builder as one number and a mask
    /// (<see cref="RequestBuilderFamily"/>), so an allow-list can admit a builder's requests without reflection.
    /// </summary>
    private static void EmitAllBuilders(IndentedWriter writer, EmissionContext context)
    {
        writer.Line();
        writer.Summary(
            "Every request builder of these headers, by name: the request with every argument 0, and the bits of the number and size fields its "
            + "arguments move.\nA request <c>r</c> is one of a builder's when <c>(r &amp; ~VariableBits) == (BaseRequest &amp; ~VariableBits)</c>; "
            + "where the number moves (not only the size), that also admits other numbers of the same direction and type.");
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<(string Name, uint BaseRequest, uint VariableBits)> " + AllBuildersTable + " => "
            + IoctlEmitter.Checked(context, AllBuildersTable + "Requests") + ";");
        writer.Line();
        writer.Line("private static readonly global::System.Collections.Generic.IReadOnlyList<(string Name, uint BaseRequest, uint VariableBits)> " + AllBuildersTable + "Requests =");
        writer.Line("    global::System.Array.AsReadOnly(new (string Name, uint BaseRequest, uint VariableBits)[]");
        writer.Line("    {");
        foreach (AbiRequestBuilder builder in context.Model.RequestBuilders)
        {
            if (RequestBuilderFamily.VariableBits(builder) is uint bits)
            {
                writer.Line("        (\"" + builder.Name + "\", 0x" + ((uint)RequestBuilderFamily.BaseRequest(builder)).ToString("X8", CultureInfo.InvariantCulture)
                    + "u, 0x" + bits.ToString("X8", CultureInfo.InvariantCulture) + "u),");
            }
        }

        writer.Line("    });");
    }

    private static void WriteMethod(IndentedWriter writer, AbiRequestBuilder builder, EmissionContext context)
    {
        writer.Summary(KernelDocText.Before(builder.Doc, Definition(builder)) + "\n"
            + "The request number as the C macro computes it: direction " + AbiModelWriter.DirectionName(builder.Direction)
            + ", type 0x" + builder.Type.ToString("X2", CultureInfo.InvariantCulture)
            + ", number <c>" + builder.Number.Format(builder.Parameters) + "</c>, size <c>" + builder.Size.Format(builder.Parameters) + "</c>.");
        writer.Line("/// <exception cref=\"ArgumentOutOfRangeException\">An argument is negative, or the number exceeds 0x"
            + Hex(builder.NumberMax) + " or the size 0x" + Hex(builder.SizeMax) + " (what <c>_IOC_NR</c>/<c>_IOC_SIZE</c> can hold): C would wrap it silently.</exception>");
        string parameters = string.Join(", ", builder.Parameters.Select(p => "int " + CSharpNames.Escape(p)));
        writer.Open("public static uint " + CSharpNames.Escape(builder.Name) + "(" + parameters + ")");
        if (context.Options.CheckProcessArchitecture)
        {
            // The number is this target's (its size is a struct's size there): refused, like the typed requests, on another architecture.
            writer.Line(context.TargetClass + ".EnsureProcessMatches();");
        }

        foreach (string parameter in builder.Parameters)
        {
            writer.Line("ArgumentOutOfRangeException.ThrowIfNegative(" + CSharpNames.Escape(parameter) + ");");
        }

        WriteFieldCheck(writer, builder, builder.Number, builder.NumberMax, "number", "_IOC_NR");
        WriteFieldCheck(writer, builder, builder.Size, builder.SizeMax, "size", "_IOC_SIZE");
        writer.Line("return unchecked((uint)(" + Expression(builder.Request, builder.Parameters) + "));");
        writer.Close();
    }

    private static void WriteFieldCheck(IndentedWriter writer, AbiRequestBuilder builder, LinearForm field, ulong max, string what, string decoder)
    {
        int blamed = -1;
        for (int i = builder.Parameters.Count - 1; i >= 0; i--)
        {
            blamed = field.Coefficients[i] != 0 ? i : blamed;
        }

        if (blamed < 0)
        {
            return;
        }

        string parameter = CSharpNames.Escape(builder.Parameters[blamed]);
        writer.Open("if (" + Expression(field, builder.Parameters) + " > 0x" + Hex(max) + "UL)");
        writer.Line("throw new ArgumentOutOfRangeException(nameof(" + parameter + "), " + parameter + ", \"" + builder.Name + ": the " + what + " "
            + field.Format(builder.Parameters) + " exceeds 0x" + Hex(max) + ", the largest " + decoder + "; C would wrap it silently into the neighbouring bits\");");
        writer.Close();
        writer.Line();
    }

    private static void WriteTyped(IndentedWriter writer, AbiRequestBuilder builder, string form, EmissionContext context)
    {
        string ioctlsClass = context.IoctlsClass;
        if (builder.BufferLengthParameter is string length)
        {
            writer.Summary(Definition(builder) + "\n"
                + "The size field is the buffer's length: <c>handle.Ioctl(" + TypedClass + "." + builder.Name + ", buffer)</c> passes <c>"
                + length + "</c> = <c>buffer.Length</c>, so the size can never disagree with the buffer.");
            writer.Line("public static " + form + " " + CSharpNames.Escape(builder.Name) + " => " + IoctlEmitter.Checked(context, "new(\"" + builder.Name + "\", 0x"
                + ((uint)builder.Request.Constant).ToString("X8", CultureInfo.InvariantCulture) + "u, 0x"
                + ((uint)builder.Request.Coefficients[0]).ToString("X", CultureInfo.InvariantCulture) + "u, "
                + System.Math.Min(builder.SizeMax, int.MaxValue).ToString(CultureInfo.InvariantCulture) + ")") + ";");
            return;
        }

        writer.Summary(Definition(builder) + "\nThe request for these arguments, bound to its argument type <c>" + CSharpNames.Xml(builder.ArgumentCType ?? string.Empty) + "</c>.");
        writer.Line("/// <exception cref=\"ArgumentOutOfRangeException\">As for the request number.</exception>");
        string parameters = string.Join(", ", builder.Parameters.Select(p => "int " + CSharpNames.Escape(p)));
        string arguments = string.Join(", ", builder.Parameters.Select(CSharpNames.Escape));
        writer.Line("public static " + form + " " + CSharpNames.Escape(builder.Name) + "(" + parameters + ") => new(\"" + builder.Name + "\", "
            + ioctlsClass + "." + CSharpNames.Escape(builder.Name) + "(" + arguments + "));");
    }

    /// <summary>The descriptor type a builder's typed form uses, or null when the header does not say what its buffer is.</summary>
    private static string? TypedForm(AbiRequestBuilder builder, EmissionContext context)
    {
        if (builder.BufferLengthParameter is not null)
        {
            return builder.Direction switch
            {
                IoctlDirection.Read or IoctlDirection.ReadWrite => "IoctlBytes",
                IoctlDirection.Write => "IoctlBytesWrite",
                _ => null,
            };
        }

        if (builder.ArgumentType is null || builder.Direction == IoctlDirection.None || !builder.Size.IsConstant || EndsInFlexibleArray(builder.ArgumentType, context)
            || IoctlEmitter.IsDeclaredUntyped(builder.Name, context))
        {
            return null;
        }

        CSharpType? argument = TypeMapper.Full(builder.ArgumentType, context, "The argument of request builder " + builder.Name, builder.Location);
        if (argument is null)
        {
            return null;
        }

        // As for a plain request (MSHV0021).
        if (IoctlEmitter.ExceedsArgument(
            "request builder " + builder.Name, builder.Size.Constant, argument, builder.ArgumentCType, "it gets no typed form", builder.Location, context))
        {
            return null;
        }

        string kind = builder.Direction switch
        {
            IoctlDirection.Write => "IoctlWrite",
            IoctlDirection.Read => "IoctlRead",
            _ => "IoctlReadWrite",
        };
        return kind + "<" + argument.Name + ">";
    }

    /// <summary>A record ending in a flexible array takes an owned buffer, never a bare struct (the runtime's flexible-array descriptors).</summary>
    private static bool EndsInFlexibleArray(AbiType type, EmissionContext context) =>
        type.IsRecord && context.TryGetRecord(type.RecordName ?? string.Empty, out AbiRecord record)
        && record.Fields.Any(f => f.Type.Dimensions.Any(d => d == 0));

    private static string Definition(AbiRequestBuilder builder) =>
        "C: <c>#define " + CSharpNames.Xml(builder.Name + "(" + string.Join(",", builder.Parameters) + ") " + builder.Expansion) + "</c> at " + CSharpNames.Xml(builder.Location.ToString()) + ".";

    /// <summary>A linear form as a C# <c>ulong</c> expression over the (non-negative, checked) <c>int</c> parameters.</summary>
    private static string Expression(LinearForm form, EquatableArray<string> parameters)
    {
        var terms = new List<string>();
        if (form.Constant != 0 || form.IsConstant)
        {
            terms.Add("0x" + Hex(form.Constant) + "UL");
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            ulong coefficient = form.Coefficients[i];
            if (coefficient != 0)
            {
                string value = "(ulong)" + CSharpNames.Escape(parameters[i]);
                terms.Add(coefficient == 1 ? value : "0x" + Hex(coefficient) + "UL * " + value);
            }
        }

        return string.Join(" + ", terms);
    }

    private static string Hex(ulong value) => value.ToString("X", CultureInfo.InvariantCulture);
}
