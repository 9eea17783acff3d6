using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>The oracle: compiles a C program with the system's cc and returns what it prints.</summary>
internal static class CCompiler
{
    public static string CompileAndRun(string source, IEnumerable<string> compilerArguments)
    {
        string directory = Path.Combine(Path.GetTempPath(), "mshv-oracle-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string program = Path.Combine(directory, "oracle.c");
            string executable = Path.Combine(directory, "oracle");
            File.WriteAllText(program, source);
            var compile = new List<string> { "-std=gnu11", "-w", "-o", executable, program };
            compile.AddRange(compilerArguments);
            (int compileExit, string _, string compileErrors) = Run("cc", compile);
            Assert.True(compileExit == 0, "cc failed:\n" + compileErrors + "\n--- program ---\n" + source);
            (int exit, string output, string errors) = Run(executable, Array.Empty<string>());
            Assert.True(exit == 0, "the oracle program failed: " + errors);
            return output;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (int Exit, string Output, string Errors) Run(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + file);
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }
}
