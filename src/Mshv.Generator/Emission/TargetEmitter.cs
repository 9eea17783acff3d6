using System.Collections.Generic;
using System.Linq;
using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// <c>{Prefix}Target</c>: the architecture(s) the model's layouts were computed for, and the check that this process runs
/// on one of them, so a typed ioctl on another architecture throws instead of letting the kernel read and write another
/// architecture's layout (x86_64's <c>kvm_regs</c> is 144 bytes, aarch64's 864).
/// <para>
/// The check is a <c>static readonly bool</c> read by every request getter of the ioctls class, not a static constructor
/// there: an exception thrown by a static constructor reaches the user as <c>TypeInitializationException</c>, while the
/// getter throws <c>PlatformNotSupportedException</c> itself. It costs nothing on the call path: once the class is
/// initialized the JIT reads a <c>static readonly</c> field as a constant and drops the branch (tier 1).
/// </para>
/// </summary>
internal static class TargetEmitter
{
    /// <summary>The field the request getters test.</summary>
    public const string MatchesField = "ProcessMatches";

    /// <summary>The method that builds the exception the getters throw.</summary>
    public const string RefusalMethod = "Refusal";

    public static void Emit(IndentedWriter writer, EmissionContext context)
    {
        IReadOnlyList<string> triples = Triples(context);
        string triple = triples[0];
        string[] architectures = triples.Select(DotNetArchitecture).Where(a => a is not null).Select(a => a!).Distinct().ToArray();
        writer.Summary("The target" + (triples.Count == 1 ? string.Empty : "s") + " the layouts of " + CSharpNames.Xml(string.Join(", ", context.Model.Headers)) + " were computed for (the model's <c>target</c> line).");
        writer.Open("public static partial class " + context.TargetClass);
        writer.Summary(triples.Count == 1
            ? "The clang target triple of the model."
            : "The clang target triple of the model's first target (<see cref=\"Triples\"/> lists every one).");
        writer.Line("public const string Triple = \"" + triple + "\";");
        writer.Line();
        writer.Summary("Every clang target triple these layouts are valid for: the scans for each gave the same model.");
        // Qualified: the model's file imports only System and System.Runtime.InteropServices.
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<string> Triples { get; } = Array.AsReadOnly(new[] { " + string.Join(", ", triples.Select(t => "\"" + t + "\"")) + " });");
        writer.Line();
        writer.Summary(
            "Whether this process runs on the architecture of a target in <see cref=\"Triples\"/>.\n"
            + "Every typed request of the ioctls class reads it; a <c>static readonly</c> field is a constant to the optimizing JIT, so the check costs nothing per call.");
        writer.Line("public static readonly bool " + MatchesField + " = " + Condition(architectures) + ";");
        writer.Line();
        writer.Summary(
            "Throws <see cref=\"PlatformNotSupportedException\"/> unless this process runs on the architecture of a target in <see cref=\"Triples\"/>.\n"
            + "Every typed request of the ioctls class checks it; call it yourself before using these structs with your own system calls.");
        writer.Open("public static void EnsureProcessMatches()");
        writer.Open("if (!" + MatchesField + ")");
        writer.Line("throw " + RefusalMethod + "();");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Summary("The exception for a process of another architecture: what the layouts are for, what this process is, and the remedy.");
        writer.Open("internal static PlatformNotSupportedException " + RefusalMethod + "()");
        string targets = string.Join(" and ", triples);
        string layouts = string.Join(" and ", triples.Select(t => t.Split('-')[0]).Distinct());
        if (architectures.Length == 0)
        {
            writer.Line("// " + targets + (triples.Count == 1 ? " is not an architecture" : " are not architectures") + " .NET runs on: every process is the wrong one.");
        }

        writer.Line("return new PlatformNotSupportedException(\"These bindings (namespace " + context.Options.Namespace + ") were generated for " + targets
            + ", but this process runs on \" + RuntimeInformation.ProcessArchitecture + \": their struct layouts and ioctl numbers are " + layouts
            + "'s, and the kernel would read and write them with its own. Build the project for the architecture it runs on (dotnet build -r \" + "
            + "RuntimeInformation.RuntimeIdentifier + \" for this machine; the RuntimeIdentifier chooses the target, as in -r linux-x64 or -r linux-arm64) and run that build.\");");
        writer.Close();
        writer.Close();
    }

    /// <summary>The model's targets, its first one first.</summary>
    internal static IReadOnlyList<string> Triples(EmissionContext context) => context.Model.Targets;

    private static string Condition(string[] architectures) => architectures.Length == 0
        ? "false"
        : "RuntimeInformation.ProcessArchitecture is " + string.Join(" or ", architectures.Select(a => "Architecture." + a));

    /// <summary>The <c>System.Runtime.InteropServices.Architecture</c> member of a triple's architecture, or null.</summary>
    internal static string? DotNetArchitecture(string triple) => triple.Split('-')[0] switch
    {
        "x86_64" or "amd64" => "X64",
        "aarch64" or "arm64" => "Arm64",
        "i386" or "i486" or "i586" or "i686" => "X86",
        "arm" or "armv7" or "armv7l" or "armv7a" => "Arm",
        "riscv64" => "RiscV64",
        "loongarch64" => "LoongArch64",
        "s390x" => "S390x",
        "powerpc64le" or "ppc64le" => "Ppc64le",
        _ => null,
    };
}
