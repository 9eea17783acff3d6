using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>Compiles a C program against a header directory with the system <c>cc</c> and returns what it prints.</summary>
internal static class CProgram
{
    public static string Run(string source, string includeDir) =>
        CCompiler.CompileAndRun(source, new[] { "-I", includeDir });
}
