using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using Mshv.Abi;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// <c>{Prefix}Constants</c>: every integer macro typed as clang typed it, the constants of anonymous enums,
/// and every ioctl request number (also when the model lists it only as an ioctl).
/// </summary>
internal static class ConstantsEmitter
{
    public static void Emit(IndentedWriter writer, EmissionContext context)
    {
        writer.Summary("Integer macros and anonymous enum constants of " + CSharpNames.Xml(string.Join(", ", context.Model.Headers)) + ", with the types clang gave them.");
        writer.Open("public static partial class " + context.ConstantsClass);
        var scope = new NameScope();
        scope.Reserve(context.ConstantsClass);
        foreach (AbiMacro macro in context.Model.Macros)
        {
            string? keyword = TypeMapper.Primitive(macro.Primitive);
            string? literal = keyword is null || !AbiPrimitive.IsInteger(macro.Primitive) || !BigInteger.TryParse(macro.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger value)
                ? null
                : IntegerLiterals.Format(value, keyword);
            if (literal is null)
            {
                context.Report(MshvDiagnostics.InexactType, "Macro " + macro.Name + " = " + macro.Value + " of C type '" + macro.CType + "' cannot be a C# constant; it is not emitted", macro.Location);
                continue;
            }

            Write(writer, scope, context, macro.Name, keyword!, literal, KernelDocText.Before(macro.Doc, "C: <c>#define " + CSharpNames.Xml(macro.Name + " " + macro.Expansion) + "</c> at " + CSharpNames.Xml(macro.Location.ToString()) + "; type <c>" + CSharpNames.Xml(macro.CType) + "</c>."), macro.Location);
        }

        foreach (AbiEnum e in context.Model.Enums.Where(e => e.IsAnonymous))
        {
            string keyword = AbiPrimitive.IsInteger(e.Underlying) ? TypeMapper.Primitive(e.Underlying) ?? "long" : "long";
            foreach (AbiEnumConstant constant in e.Constants)
            {
                string? literal = IntegerLiterals.Format(new BigInteger(constant.Value), keyword);
                if (literal is null)
                {
                    context.Report(MshvDiagnostics.InexactType, "Enumerator " + constant.Name + " = " + constant.Value + " does not fit " + keyword + "; it is not emitted", e.Location);
                    continue;
                }

                Write(writer, scope, context, constant.Name, keyword, literal, KernelDocText.Before(
                    constant.Doc, "C: enumerator <c>" + CSharpNames.Xml(constant.Name) + "</c> of the anonymous enum at " + CSharpNames.Xml(e.Location.ToString()) + "."), e.Location);
            }
        }

        var macroNames = new HashSet<string>(context.Model.Macros.Select(m => m.Name), StringComparer.Ordinal);
        foreach (AbiIoctl ioctl in context.Model.Ioctls.Where(i => !macroNames.Contains(i.Name)))
        {
            Write(writer, scope, context, ioctl.Name, "ulong", IntegerLiterals.Format(ioctl.Request, "ulong")!, KernelDocText.Before(ioctl.Doc, "C: ioctl request <c>" + CSharpNames.Xml(ioctl.Name) + "</c> at " + CSharpNames.Xml(ioctl.Location.ToString()) + "."), ioctl.Location);
        }

        writer.Close();
    }

    private static void Write(IndentedWriter writer, NameScope scope, EmissionContext context, string cName, string keyword, string literal, string doc, SourceLocation location)
    {
        string name = scope.Claim(CSharpNames.Identifier(cName), out bool renamed);
        if (renamed)
        {
            context.Report(MshvDiagnostics.NameCollision, "Constant '" + cName + "' collides with another name in " + context.ConstantsClass + "; it is emitted as '" + name + "'", location);
        }

        if (scope.Count > 2)
        {
            writer.Line();
        }

        writer.Summary(doc);
        writer.Line("public const " + keyword + " " + CSharpNames.Escape(name) + " = " + literal + ";");
    }
}
