using Mshv.Generator.Helpers;

namespace Mshv.Generator.Emission;

/// <summary>
/// <c>{Prefix}Target</c>: the architecture the model's layouts were computed for, and the check that this process runs on
/// it. The ioctls class calls the check from its static constructor, so the first typed ioctl on another architecture
/// throws instead of letting the kernel read and write another architecture's layout (x86_64's <c>kvm_regs</c> is 144
/// bytes, aarch64's 864).
/// </summary>
internal static class TargetEmitter
{
    public static string Emit(EmissionContext context)
    {
        string triple = context.Model.Target;
        string? architecture = DotNetArchitecture(triple);
        IndentedWriter writer = SourceFile.Begin(context.Options.Namespace, "System", "System.Runtime.InteropServices");
        writer.Summary("The target the layouts of " + CSharpNames.Xml(string.Join(", ", context.Model.Headers)) + " were computed for (the model's <c>target</c> line).");
        writer.Open("public static partial class " + context.TargetClass);
        writer.Summary("The clang target triple of the model.");
        writer.Line("public const string Triple = \"" + triple + "\";");
        writer.Line();
        writer.Summary(
            "Throws <see cref=\"PlatformNotSupportedException\"/> unless this process runs on the architecture of <see cref=\"Triple\"/>.\n"
            + "The ioctls class calls it before its first use; call it yourself before using these structs with your own system calls.");
        writer.Open("public static void EnsureProcessMatches()");
        string message = "\"These bindings (namespace " + context.Options.Namespace + ") were generated for " + triple + ", but this process runs on \" + "
            + "RuntimeInformation.ProcessArchitecture + \": their struct layouts and ioctl numbers are " + triple.Split('-')[0]
            + "'s, and the kernel would read and write them with its own. Build the project for the architecture it runs on "
            + "(dotnet build -r linux-arm64 or -r linux-x64: the RuntimeIdentifier chooses the target) and run that build.\"";
        if (architecture is null)
        {
            writer.Line("// " + triple + " is not an architecture .NET runs on: every process is the wrong one.");
            writer.Line("throw new PlatformNotSupportedException(" + message + ");");
        }
        else
        {
            writer.Open("if (RuntimeInformation.ProcessArchitecture != Architecture." + architecture + ")");
            writer.Line("throw new PlatformNotSupportedException(" + message + ");");
            writer.Close();
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

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
