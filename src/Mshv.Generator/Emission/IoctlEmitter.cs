using System.Globalization;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// <c>{Prefix}Ioctls</c>: one descriptor per request, typed by direction and argument, so passing the wrong
/// struct to an ioctl does not compile.
/// </summary>
internal static class IoctlEmitter
{
    /// <summary>The member listing every request; reserved so that an ioctl of that name is renamed, not clashed.</summary>
    public const string AllTable = "All";

    /// <summary>The table behind <see cref="AllTable"/>, built once.</summary>
    private const string AllRequests = "AllRequests";

    public static void Emit(IndentedWriter writer, EmissionContext context)
    {
        writer.Summary("The ioctl requests of " + CSharpNames.Xml(string.Join(", ", context.Model.Headers)) + ", each bound to its argument type.");
        // With our own (internal) descriptor types, the class cannot be more visible than they are.
        string access = context.Options.EmitIoctlSupportTypes ? "internal" : "public";
        writer.Open(access + " static partial class " + context.IoctlsClass);
        var scope = new NameScope();
        scope.Reserve(context.IoctlsClass);
        scope.Reserve(AllTable);
        scope.Reserve(AllRequests);
        bool first = true;
        foreach (AbiIoctl ioctl in context.Model.Ioctls)
        {
            string? descriptor = DescriptorType(ioctl, context);
            if (descriptor is null)
            {
                continue;
            }

            if (ioctl.Kinds.Count > 0)
            {
                // The kind set is the last type argument: IoctlWrite<T> -> IoctlWrite<T, KvmFdKinds.Vm>, IoctlNone -> IoctlNone<...>.
                string marker = context.FdKindsClass + "." + FdKinds.SetName(ioctl.Kinds);
                descriptor = descriptor.EndsWith(">", System.StringComparison.Ordinal)
                    ? descriptor.Substring(0, descriptor.Length - 1) + ", " + marker + ">"
                    : descriptor + "<" + marker + ">";
            }

            string name = scope.Claim(CSharpNames.Identifier(ioctl.Name), out bool renamed);
            if (renamed)
            {
                context.Report(MshvDiagnostics.NameCollision, "ioctl " + ioctl.Name + " appears twice in the model; the second is emitted as '" + name + "'", ioctl.Location);
            }

            if (!first)
            {
                writer.Line();
            }

            first = false;
            AbiMacro? macro = context.Model.Macros.FirstOrDefault(m => m.Name == ioctl.Name);
            string definition = macro is null ? ioctl.Name : ioctl.Name + " " + macro.Expansion;
            writer.Summary(KernelDocText.Before(
                ioctl.Doc,
                "C: <c>#define " + CSharpNames.Xml(definition) + "</c> at " + CSharpNames.Xml(ioctl.Location.ToString()) + ".\n"
                + "Direction " + AbiModelWriter.DirectionName(ioctl.Direction) + ", type 0x" + ioctl.Type.ToString("X2", CultureInfo.InvariantCulture)
                + ", number 0x" + ioctl.Number.ToString("X2", CultureInfo.InvariantCulture) + ", argument size " + ioctl.Size.ToString(CultureInfo.InvariantCulture)
                + (ioctl.ArgumentCType is null ? "." : ", argument <c>" + CSharpNames.Xml(ioctl.ArgumentCType) + "</c>.")
                + (ioctl.Kinds.Count == 0 ? string.Empty : "\nAccepted on descriptors of kind " + string.Join(", ", ioctl.Kinds) + ".")));
            writer.Line("public static " + descriptor + " " + CSharpNames.Escape(name) + " => "
                + Checked(context, "new(\"" + ioctl.Name + "\", 0x" + ((uint)ioctl.Request).ToString("X8", CultureInfo.InvariantCulture) + "u)") + ";");
        }

        EmitAll(writer, context, first);
        writer.Close();
    }

    /// <summary>
    /// <c>All</c>: every request of the model with its C name, including those without a typed descriptor, so a VMM
    /// can build its own seccomp allow-list (or log a request by name) without reflection.
    /// </summary>
    private static void EmitAll(IndentedWriter writer, EmissionContext context, bool first)
    {
        if (!first)
        {
            writer.Line();
        }

        writer.Summary(
            "Every ioctl request of these headers with its C name, in the model's order (by name): the numbers a seccomp allow-list of this API needs.\n"
            + "The kernel reads the request as <c>unsigned int</c>, so compare the low 32 bits of the system call's second argument with these.");
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<(string Name, uint Request)> " + AllTable + " => " + Checked(context, AllRequests) + ";");
        writer.Line();
        writer.Line("private static readonly global::System.Collections.Generic.IReadOnlyList<(string Name, uint Request)> " + AllRequests + " =");
        writer.Line("    global::System.Array.AsReadOnly(new (string Name, uint Request)[]");
        writer.Line("    {");
        foreach (AbiIoctl ioctl in context.Model.Ioctls.Where(i => i.Request <= uint.MaxValue))
        {
            writer.Line("        (\"" + ioctl.Name + "\", 0x" + ((uint)ioctl.Request).ToString("X8", CultureInfo.InvariantCulture) + "u),");
        }

        writer.Line("    });");
    }

    /// <summary>
    /// <paramref name="value"/>, or a <c>PlatformNotSupportedException</c> in a process of another architecture: each
    /// request is a getter testing <c>{Prefix}Target.ProcessMatches</c> (see <see cref="TargetEmitter"/>) instead of a
    /// field set by a static constructor, whose exception would reach the user wrapped in <c>TypeInitializationException</c>.
    /// </summary>
    internal static string Checked(EmissionContext context, string value) => context.Options.CheckProcessArchitecture
        ? context.TargetClass + "." + TargetEmitter.MatchesField + " ? " + value + " : throw " + context.TargetClass + "." + TargetEmitter.RefusalMethod + "()"
        : value;

    private static string? DescriptorType(AbiIoctl ioctl, EmissionContext context)
    {
        if (ioctl.Request > uint.MaxValue)
        {
            context.Report(MshvDiagnostics.InexactType, "ioctl " + ioctl.Name + " has request 0x" + ioctl.Request.ToString("X", CultureInfo.InvariantCulture) + ", wider than the 32 bits of an ioctl number; only its constant is emitted", ioctl.Location);
            return null;
        }

        if (ioctl.Direction == IoctlDirection.None)
        {
            return "IoctlNone";
        }

        if (IsDeclaredUntyped(ioctl.Name, context))
        {
            return null;
        }

        if (ioctl.ArgumentType is null)
        {
            context.Report(MshvDiagnostics.MissingRecord, "ioctl " + ioctl.Name + " names argument '" + (ioctl.ArgumentCType ?? "?") + "', whose layout is not in the model; only its constant is emitted", ioctl.Location);
            return null;
        }

        if (FlexibleArgument(ioctl, context, out string? flexible))
        {
            return flexible;
        }

        CSharpType? argument = TypeMapper.Full(ioctl.ArgumentType, context, "The argument of ioctl " + ioctl.Name, ioctl.Location);
        if (argument is null)
        {
            return null;
        }

        if (ExceedsArgument(
            "ioctl " + ioctl.Name, ioctl.Size, argument, ioctl.ArgumentCType, "only the request constant is emitted", ioctl.Location, context))
        {
            return null;
        }

        string kind = ioctl.Direction switch
        {
            IoctlDirection.Write => "IoctlWrite",
            IoctlDirection.Read => "IoctlRead",
            _ => "IoctlReadWrite",
        };
        return kind + "<" + argument.Name + ">";
    }

    /// <summary>
    /// Whether a well-formed <c>argument NAME -</c> line (shipped or the user's; the only form there is) names this request or
    /// request builder: the header's argument type is not what the kernel copies (kvm.h's <c>KVM_MEMORY_ENCRYPT_OP</c> says
    /// <c>unsigned long</c>; the kernel writes a 24-byte command struct back), so a typed call would let it write past the
    /// argument.
    /// </summary>
    internal static bool IsDeclaredUntyped(string name, EmissionContext context) =>
        context.Options.Directives.Any(d => d.Keyword == Selection.SelectionDirective.Argument && Selection.DirectiveCheck.IsWellFormed(d) && d.Arguments[0] == name);

    /// <summary>
    /// MSHV0021, reported, when a request (or request builder) encodes more bytes than its argument's C# type has: a driver
    /// that copies _IOC_SIZE bytes (DRM, and many others) would write past a smaller T.
    /// </summary>
    internal static bool ExceedsArgument(
        string what, ulong encoded, CSharpType argument, string? cType, string consequence, SourceLocation location, EmissionContext context)
    {
        if (encoded <= (ulong)argument.Size)
        {
            return false;
        }

        context.Report(
            MshvDiagnostics.IoctlSizeExceedsArgument,
            what + " encodes an argument size of " + encoded.ToString(CultureInfo.InvariantCulture) + " bytes, more than the "
            + argument.Size.ToString(CultureInfo.InvariantCulture) + " of its argument '" + (cType ?? argument.Name)
            + "': a driver that copies the encoded size would write past it, so " + consequence,
            location);
        return true;
    }

    /// <summary>
    /// An argument record that ends in a flexible array gets <c>IoctlFlexible</c>, which takes an owned buffer and has no
    /// <c>ref T</c> form; when its count field is unknown the request gets no descriptor at all (MSHV0020), never a bare struct.
    /// </summary>
    private static bool FlexibleArgument(AbiIoctl ioctl, EmissionContext context, out string? descriptor)
    {
        descriptor = null;
        AbiType type = ioctl.ArgumentType!;
        if (type.IsArray || !type.IsRecord || !context.TryGetRecord(type.RecordName ?? string.Empty, out AbiRecord record)
            || FlexibleArrayShape.Of(record, context) is not { } shape)
        {
            return false;
        }

        if (context.FlexibleArrayElements.TryGetValue(record.Name, out string? element))
        {
            descriptor = "IoctlFlexible<" + context.RecordName(record.Name) + ", " + element + ">";
            return true;
        }

        if (shape.IsDeclaredCountless)
        {
            return true;
        }

        string where = shape.Array is null ? record.Location.ToString() : shape.Array.Location.ToString();
        context.Report(
            MshvDiagnostics.FlexibleArrayCount,
            "ioctl " + ioctl.Name + " takes " + record.CKeyword + " " + record.Name + ", which ends in a flexible array (" + where + ") whose element count is unknown: "
            + (shape.Problem ?? "its elements have no C# type") + ". Without it a typed call could let the kernel write past the struct, so only the request constant is emitted",
            ioctl.Location);
        return true;
    }
}
