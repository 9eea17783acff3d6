using System.Numerics;
using Mshv.Abi;
using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>A named C enum as a C# enum with the C underlying type; members keep their C names.</summary>
internal static class EnumEmitter
{
    /// <summary>Whether a C# enum can have this underlying type: the integers up to 64 bits (not bool, not 128-bit).</summary>
    public static bool CanDeclare(string underlying) =>
        TypeMapper.Primitive(underlying) is not null && AbiPrimitive.IsInteger(underlying)
        && underlying is not (AbiPrimitive.Bool or AbiPrimitive.I128 or AbiPrimitive.U128);

    /// <summary>Writes the enum; false (and reported) when its underlying type is not an integer C# can declare.</summary>
    public static bool Emit(IndentedWriter writer, AbiEnum e, EmissionContext context)
    {
        string? underlying = TypeMapper.Primitive(e.Underlying);
        if (underlying is null || !CanDeclare(e.Underlying))
        {
            context.Report(Diagnostics.MshvDiagnostics.InexactType, "enum " + e.Name + " has underlying type '" + e.Underlying + "', which a C# enum cannot have; members typed by it use the integer type", e.Location);
            return false;
        }

        writer.Summary(KernelDocText.Before(e.Doc, "C: <c>enum " + CSharpNames.Xml(e.Name) + "</c> at " + CSharpNames.Xml(e.Location.ToString()) + "; underlying type " + e.Underlying + "."));
        writer.Open("public enum " + context.EnumName(e.Name) + " : " + underlying);
        var scope = new NameScope();
        foreach (AbiEnumConstant constant in e.Constants)
        {
            string name = scope.Claim(CSharpNames.Identifier(constant.Name), out bool renamed);
            if (renamed)
            {
                context.Report(Diagnostics.MshvDiagnostics.NameCollision, "enum " + e.Name + " has constant '" + constant.Name + "' twice; the second is emitted as '" + name + "'", e.Location);
            }

            string? literal = IntegerLiterals.Format(new BigInteger(constant.Value), underlying);
            if (literal is null)
            {
                context.Report(Diagnostics.MshvDiagnostics.InexactType, "enum constant " + constant.Name + " = " + constant.Value + " does not fit " + underlying + "; it is not emitted", e.Location);
                continue;
            }

            if (constant.Doc is not null)
            {
                writer.Summary(KernelDocText.Alone(constant.Doc));
            }

            writer.Line(CSharpNames.Escape(name) + " = " + literal + ",");
        }

        writer.Close();
        return true;
    }
}
