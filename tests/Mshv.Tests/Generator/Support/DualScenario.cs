using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Mshv.Tests.Generator.Support;

/// <summary>
/// Runs the same statements in C (against the header) and in C# (against the generated structs), printing
/// with <c>P(x)</c> and <c>PB(obj)</c> (every byte), and returns both outputs: the C output is the expectation.
/// Declarations differ between the languages and are given separately.
/// </summary>
internal static class DualScenario
{
    private const string CSharpPrelude = """
        using System;
        using System.Collections.Generic;
        using System.Globalization;
        using System.Runtime.InteropServices;
        using Test.Interop;

        namespace Probe;

        public static class Scenario
        {
            private static readonly List<string> Out = new();

            private static void P(long value) => Out.Add(value.ToString(CultureInfo.InvariantCulture));

            private static void P(ulong value) => P(unchecked((long)value));

            private static void P(bool value) => P(value ? 1L : 0L);

            private static void PB<T>(in T value) where T : unmanaged
            {
                foreach (byte b in MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)))
                {
                    P(b);
                }
            }

            private static void FILL<T>(ref T value, byte fill) where T : unmanaged => MemoryMarshal.AsBytes(new Span<T>(ref value)).Fill(fill);

            public static List<string> Run()
            {
        """;

    public static (IReadOnlyList<string> C, IReadOnlyList<string> CSharp) Run(
        string header, IEnumerable<string> generatedSources, string cDeclarations, string csDeclarations, string body, params string[] includeDirectories)
    {
        return RunEach(header, generatedSources, cDeclarations + "\n" + body, csDeclarations + "\n" + body, includeDirectories);
    }

    /// <summary>Like <see cref="Run"/>, for statements that must be spelled differently in each language.</summary>
    public static (IReadOnlyList<string> C, IReadOnlyList<string> CSharp) RunEach(
        string header, IEnumerable<string> generatedSources, string cBody, string csBody, params string[] includeDirectories)
    {
        string dir = Directory.CreateTempSubdirectory("mshv-dual-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "test.h"), header);
            string c = "#include \"test.h\"\nint main(void) {\n" + cBody + "\nreturn 0;\n}\n";
            IReadOnlyList<string> cOut = CProgram.Run(c, includeDirectories.Append(dir).ToArray());
            string cs = CSharpPrelude + csBody + "\nreturn Out;\n}\n}\n";
            Assembly assembly = GeneratedCode.Load(generatedSources.Append(cs));
            var result = (List<string>)assembly.GetType("Probe.Scenario")!.GetMethod("Run")!.Invoke(null, null)!;
            return (cOut, result);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
