using System;
using System.Diagnostics;
using System.IO;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>Compiles a C program with the system <c>cc</c> and returns what it prints: the compiler is the oracle.</summary>
internal static class CProgram
{
    public static string Run(string source, string includeDir)
    {
        string dir = Path.Combine(Path.GetTempPath(), "mshv-abidiff-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string c = Path.Combine(dir, "probe.c");
            string exe = Path.Combine(dir, "probe");
            File.WriteAllText(c, source);
            Exec("cc", "-std=gnu11 -Wall -Werror -I \"" + includeDir + "\" -o \"" + exe + "\" \"" + c + "\"");
            return Exec(exe, string.Empty);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Exec(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + file);
        System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(file + " " + arguments + " exited with " + process.ExitCode + ":\n" + stderr.Result + stdout);
        }

        return stdout;
    }
}
