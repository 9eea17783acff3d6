using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace Mshv.Tests.Packaging;

/// <summary>What a <c>dotnet</c> command printed (stdout and stderr interleaved as they came) and its exit code.</summary>
internal sealed record DotnetResult(int ExitCode, string Output)
{
    public DotnetResult AssertSucceeded(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException(what + " failed (exit " + ExitCode + "):\n" + Tail(Output));

    private static string Tail(string text) => text.Length <= 12000 ? text : "…" + text.Substring(text.Length - 12000);
}

/// <summary>Runs the SDK as a user would, outside the test host's own MSBuild environment.</summary>
internal static class DotnetCli
{
    public static DotnetResult Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // `dotnet test` runs us inside MSBuild's environment; a nested build must not inherit its SDK paths.
        foreach (string name in new List<string>(EnvironmentNames(start.Environment)))
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("MSBUILD", StringComparison.Ordinal))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        var output = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        lock (output)
        {
            return new DotnetResult(process.ExitCode, output.ToString());
        }
    }

    /// <summary>
    /// <c>dotnet build</c> of one project, without leaving MSBuild nodes behind. The compiler server the outer
    /// <c>dotnet build</c> started is shared: a nested build then costs no compiler start-up (a few seconds each).
    /// </summary>
    public static DotnetResult Build(string projectDirectory, params string[] extra)
    {
        var arguments = new List<string> { "build", "-nodeReuse:false" };
        arguments.AddRange(extra);
        return Run(projectDirectory, arguments.ToArray());
    }

    private static IEnumerable<string> EnvironmentNames(IDictionary<string, string?> environment)
    {
        foreach (string key in environment.Keys)
        {
            yield return key;
        }
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }
    }
}
