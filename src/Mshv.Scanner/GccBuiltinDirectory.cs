using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Mshv.Scanner;

/// <summary>
/// gcc's freestanding headers (<c>stddef.h</c>, <c>stdarg.h</c>…), standing in for the clang resource directory the
/// libclang package lacks. Asking <c>gcc -print-file-name=include</c> costs a process start, a sixth of a small scan,
/// so the answer is cached in a file keyed by the compiler's identity: its resolved path, size and modification time.
/// A changed or reinstalled gcc has another key and is asked again.
/// </summary>
internal static class GccBuiltinDirectory
{
    private const string CacheFileName = "gcc-builtin-include";

    /// <summary>The directory, or null when gcc is not installed or has no <c>stddef.h</c>.</summary>
    /// <param name="pathVariable">Where to look for gcc (the <c>PATH</c> environment variable's form).</param>
    /// <param name="cacheDirectory">Where the answer is kept; null to always ask gcc.</param>
    public static string? Find(string? pathVariable, string? cacheDirectory)
    {
        string? gcc = Locate(pathVariable);
        if (gcc is null)
        {
            return null;
        }

        string key = IdentityOf(gcc);
        string? cacheFile = cacheDirectory is null ? null : Path.Combine(cacheDirectory, CacheFileName);
        if (cacheFile is not null && ReadCache(cacheFile, key) is string cached)
        {
            return cached;
        }

        string? directory = Ask(gcc);
        if (directory is not null && cacheFile is not null)
        {
            WriteCache(cacheFile, key, directory);
        }

        return directory;
    }

    /// <summary><c>$XDG_CACHE_HOME/mshv</c>, else <c>~/.cache/mshv</c>; null when neither can be named.</summary>
    public static string? DefaultCacheDirectory()
    {
        string? root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
            ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, ".cache") : null;
        return root is null ? null : Path.Combine(root, "mshv");
    }

    private static string? Locate(string? pathVariable) =>
        (pathVariable ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "gcc"))
            .FirstOrDefault(File.Exists);

    /// <summary>The real file behind the <c>gcc</c> symlink chain, with its size and time: another install, another key.</summary>
    private static string IdentityOf(string gcc)
    {
        string real = File.ResolveLinkTarget(gcc, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(gcc);
        var info = new FileInfo(real);
        return real + "|" + info.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|"
            + info.LastWriteTimeUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? ReadCache(string cacheFile, string key)
    {
        try
        {
            foreach (string line in File.ReadLines(cacheFile))
            {
                int tab = line.IndexOf('\t');
                if (tab > 0 && line.AsSpan(0, tab).SequenceEqual(key) && IsBuiltinDirectory(line.Substring(tab + 1)))
                {
                    return line.Substring(tab + 1);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No cache (or an unreadable one) only costs the question to gcc.
        }

        return null;
    }

    /// <summary>One line, written to a temporary file and renamed over the cache, so concurrent scans never read half a line.</summary>
    private static void WriteCache(string cacheFile, string key, string directory)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
            string temporary = cacheFile + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
            File.WriteAllText(temporary, key + "\t" + directory + "\n");
            File.Move(temporary, cacheFile, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only home only means the next scan asks gcc again.
        }
    }

    private static string? Ask(string gcc)
    {
        try
        {
            var start = new ProcessStartInfo(gcc, "-print-file-name=include")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process? process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            string output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && IsBuiltinDirectory(output) ? output : null;
        }
        catch (Win32Exception)
        {
            // gcc cannot be started: scan without builtin headers; a header that needs them gets clang's error.
            return null;
        }
    }

    private static bool IsBuiltinDirectory(string directory) => Path.IsPathRooted(directory) && File.Exists(Path.Combine(directory, "stddef.h"));
}
