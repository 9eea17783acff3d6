using System;
using System.Diagnostics;
using System.IO;

namespace Mshv.Tests.Runtime.Infrastructure;

/// <summary>Runs the system C compiler (the oracle) and the programs it builds.</summary>
internal static class CCompiler
{
    /// <summary>A fresh directory under the system temp folder for one test run's native artefacts.</summary>
    public static string NewWorkDirectory(string purpose)
    {
        string directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mshv-{purpose}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Runs <c>cc</c> with <paramref name="arguments"/>; throws with the compiler's output on failure.</summary>
    public static void Compile(params string[] arguments) => Run("cc", arguments);

    /// <summary>Compiles a C program against the vendored headers, runs it and returns its standard output.</summary>
    public static string CompileAndRun(string source)
    {
        string directory = NewWorkDirectory("oracle");
        string file = System.IO.Path.Combine(directory, "oracle.c");
        string program = System.IO.Path.Combine(directory, "oracle");
        File.WriteAllText(file, source);
        Compile("-I", RepositoryRoot.Combine("headers"), "-include", "linux/ioctl.h", "-o", program, file);
        return Run(program, []);
    }

    private static string Run(string executable, string[] arguments)
    {
        ProcessStartInfo start = new(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{executable} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{error.Result}{output}");
        }

        return output;
    }
}
