using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Mshv.Tests.Infrastructure;

/// <summary>
/// The system C compiler, the oracle every layout test asks, and the programs it builds.
/// Every failure throws with the compiler's or program's own output.
/// </summary>
internal static class CCompiler
{
    /// <summary>
    /// Compiler arguments for programs against the vendored seed headers; <c>-include linux/ioctl.h</c> because the
    /// seed's <c>linux/mshv.h</c> uses <c>_IOW</c> without including it (headers/README.md).
    /// </summary>
    public static string[] SeedHeaderArguments => new[] { "-I", RepoPaths.Headers, "-include", "linux/ioctl.h" };

    /// <summary>A fresh directory under the system temp folder for one test's native artefacts.</summary>
    public static string NewWorkDirectory(string purpose) =>
        Directory.CreateTempSubdirectory("mshv-" + purpose + "-").FullName;

    /// <summary>Runs <c>cc</c> with <paramref name="arguments"/>.</summary>
    public static void Compile(params string[] arguments) => Run("cc", arguments, "cc");

    /// <summary>Compiles <paramref name="source"/> as GNU C11 with the given extra arguments, runs it, and returns its output.</summary>
    public static string CompileAndRun(string source, IEnumerable<string> compilerArguments)
    {
        string directory = NewWorkDirectory("oracle");
        try
        {
            string file = Path.Combine(directory, "oracle.c");
            string program = Path.Combine(directory, "oracle");
            File.WriteAllText(file, source);
            var arguments = new List<string> { "-std=gnu11", "-w", "-o", program, file };
            arguments.AddRange(compilerArguments);
            Run("cc", arguments, "compiling a C oracle program:\n" + Numbered(source) + "\n");
            return Run(program, Array.Empty<string>(), "running the C oracle program");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static string Run(string program, IEnumerable<string> arguments, string what)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(what + " failed (" + program + " " + string.Join(' ', start.ArgumentList) + ", exit code " + process.ExitCode + "):\n" + stderr.Result + stdout);
        }

        return stdout;
    }

    private static string Numbered(string source)
    {
        string[] lines = source.Split('\n');
        return lines.Length > 400 ? "(" + lines.Length + " lines)" : string.Join("\n", System.Linq.Enumerable.Select(lines, (line, i) => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(4) + "  " + line));
    }
}
