using System;
using System.Diagnostics;
using System.IO;

namespace Mshv.Cli.Upstream;

/// <summary>
/// Headers that a script fetches into a cache instead of the repository (<c>headers/upstream/fetch</c>: Debian's
/// <c>linux-libc-dev</c> from trixie-backports): the script prints the include root, and with <c>--version</c> the
/// package version. Scan settings name the script with <c>--fetch</c> and refer to the root as <c>@</c>.
/// </summary>
internal sealed record FetchedHeaders(string IncludeRoot, string PackageVersion)
{
    /// <summary>The settings' spelling of the fetched include root in <c>-I</c> values (<c>-I @/x86_64-linux-gnu</c>).</summary>
    public const string RootToken = "@";

    public static FetchedHeaders Run(string script)
    {
        string root = RunScript(script, string.Empty);
        if (!Directory.Exists(root))
        {
            throw new UsageException(script + " printed '" + root + "', which is not a directory");
        }

        return new FetchedHeaders(root, RunScript(script, "--version"));
    }

    /// <summary>Replaces a leading <see cref="RootToken"/> by the include root.</summary>
    public string Expand(string value) =>
        value == RootToken ? IncludeRoot
        : value.StartsWith(RootToken + "/", StringComparison.Ordinal) ? Path.Combine(IncludeRoot, value[2..])
        : value;

    private static string RunScript(string script, string argument)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        if (argument.Length > 0)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new UsageException("could not start " + script);
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string messages = stderr.Result.Trim();
        if (process.ExitCode != 0)
        {
            throw new UsageException(script + " " + argument + " failed (exit " + process.ExitCode + "): " + messages);
        }

        if (messages.Length > 0)
        {
            Console.Error.WriteLine(messages);
        }

        return stdout.Trim();
    }
}
