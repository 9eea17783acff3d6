using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Mshv.Tests.Infrastructure;

/// <summary>Compiles C with the system compiler and runs the result: the oracle every layout test asks.</summary>
internal static class NativeProgram
{
    public static string CompileAndRun(string source, IEnumerable<string> compilerArguments)
    {
        string dir = Directory.CreateTempSubdirectory("mshv-c-").FullName;
        try
        {
            string file = Path.Combine(dir, "probe.c");
            string exe = Path.Combine(dir, "probe");
            File.WriteAllText(file, source);
            var args = new List<string> { "-std=gnu11", "-O0", "-Wall", "-Werror", "-o", exe, file };
            args.AddRange(compilerArguments);
            Run("cc", args, "compiling the C probe (" + file + ")");
            return Run(exe, Array.Empty<string>(), "running the C probe");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
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
            throw new InvalidOperationException(what + " failed with exit code " + process.ExitCode + ":\n" + stderr.Result);
        }

        return stdout;
    }
}
