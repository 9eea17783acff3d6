using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// The four ioctl descriptor types, written (internal) into a compilation that does not reference
/// Mshv.Bindings, where the public ones live (<c>Mshv.Ioctls</c>), so that the generated ioctl classes compile on
/// their own. They go into the generated types' own namespace, with a file name of that namespace: outputs of
/// <c>mshv generate</c> for different namespaces coexist in one project, and one namespace's copy is the same file.
/// </summary>
internal static class IoctlSupportEmitter
{
    /// <summary>The metadata name the generator looks up to decide whether these types are needed.</summary>
    public const string ProbeMetadataName = "Mshv.Ioctls.IoctlWrite`1";

    /// <summary>Where Mshv.Bindings declares the public descriptor types.</summary>
    public const string BindingsNamespace = "Mshv.Ioctls";

    public static string HintName(string ns) => ns + ".IoctlSupportTypes.g.cs";

    /// <summary>A support type's full name: our own copy in the generated namespace, or Mshv.Bindings' public one.</summary>
    public static string Qualified(Models.EmitOptions options, string type) =>
        "global::" + (options.EmitIoctlSupportTypes ? options.Namespace : BindingsNamespace) + "." + type;

    public static string Emit(string ns)
    {
        IndentedWriter writer = SourceFile.Begin(ns);
        Write(writer, "IoctlNone", string.Empty, "An ioctl request built with <c>_IO</c>: no argument, or an integer passed by value.");
        writer.Line();
        Write(writer, "IoctlWrite", "<T>", "An ioctl request built with <c>_IOW</c>: the caller passes a <typeparamref name=\"T\"/> the kernel reads.");
        writer.Line();
        Write(writer, "IoctlRead", "<T>", "An ioctl request built with <c>_IOR</c>: the kernel fills a <typeparamref name=\"T\"/>.");
        writer.Line();
        Write(writer, "IoctlReadWrite", "<T>", "An ioctl request built with <c>_IOWR</c>: the kernel reads and updates a <typeparamref name=\"T\"/>.");
        writer.Line();
        WriteFlexible(writer);
        writer.Line();
        IoctlBytesSupportEmitter.Write(writer);
        writer.Line();
        WriteKinded(writer);
        return writer.ToString();
    }

    private static void WriteKinded(IndentedWriter writer)
    {
        writer.Summary("Marks a request's kind set as accepted on descriptors of kind TKind.");
        writer.Line("internal interface IAcceptedOn<TKind>");
        writer.Open("    where TKind : class");
        writer.Close();
        (string Name, string Parameters, string Constraints)[] kinded =
        {
            ("IoctlNone", "<TOn>", string.Empty),
            ("IoctlWrite", "<T, TOn>", "    where T : unmanaged\n"),
            ("IoctlRead", "<T, TOn>", "    where T : unmanaged\n"),
            ("IoctlReadWrite", "<T, TOn>", "    where T : unmanaged\n"),
            ("IoctlFlexible", "<THeader, TElement, TOn>", "    where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>\n    where TElement : unmanaged\n"),
        };
        foreach ((string name, string parameters, string constraints) in kinded)
        {
            writer.Line();
            writer.Summary("An ioctl request accepted on the fd kinds TOn names.");
            writer.Line("internal readonly struct " + name + parameters + "(string name, uint request)");
            foreach (string constraint in constraints.Split(new[] { '\n' }, System.StringSplitOptions.RemoveEmptyEntries))
            {
                writer.Line(constraint);
            }

            writer.Open("    where TOn : class");
            writer.Summary("The macro's name, for messages.");
            writer.Line("public string Name { get; } = name;");
            writer.Line();
            writer.Summary("The request number clang computed.");
            writer.Line("public uint Request { get; } = request;");
            writer.Close();
        }
    }

    private static void WriteFlexible(IndentedWriter writer)
    {
        writer.Summary("A record that ends in a flexible array counted by one of its fields.");
        writer.Line("internal interface IFlexibleArrayRecord<TSelf, TElement>");
        writer.Line("    where TSelf : unmanaged, IFlexibleArrayRecord<TSelf, TElement>");
        writer.Open("    where TElement : unmanaged");
        writer.Line("static abstract int ElementsOffset { get; }");
        writer.Line();
        writer.Line("static abstract int Alignment { get; }");
        writer.Line();
        writer.Line("static abstract string CountField { get; }");
        writer.Line();
        writer.Line("static abstract ulong MaxCount { get; }");
        writer.Line();
        writer.Line("static abstract ulong GetCount(in TSelf record);");
        writer.Line();
        writer.Line("static abstract void SetCount(ref TSelf record, ulong count);");
        writer.Close();
        writer.Line();
        writer.Summary("An ioctl request whose argument ends in a flexible array: it takes an owned buffer, never a bare struct.");
        writer.Line("internal readonly struct IoctlFlexible<THeader, TElement>(string name, uint request)");
        writer.Line("    where THeader : unmanaged, IFlexibleArrayRecord<THeader, TElement>");
        writer.Open("    where TElement : unmanaged");
        writer.Summary("The macro's name, for messages.");
        writer.Line("public string Name { get; } = name;");
        writer.Line();
        writer.Summary("The request number clang computed.");
        writer.Line("public uint Request { get; } = request;");
        writer.Close();
    }

    private static void Write(IndentedWriter writer, string name, string typeParameters, string summary)
    {
        writer.Summary(summary);
        if (typeParameters.Length == 0)
        {
            writer.Open("internal readonly struct " + name + "(string name, uint request)");
        }
        else
        {
            writer.Line("internal readonly struct " + name + typeParameters + "(string name, uint request)");
            writer.Open("    where T : unmanaged");
        }

        writer.Summary("The macro's name, for messages.");
        writer.Line("public string Name { get; } = name;");
        writer.Line();
        writer.Summary("The request number clang computed.");
        writer.Line("public uint Request { get; } = request;");
        writer.Close();
    }
}
