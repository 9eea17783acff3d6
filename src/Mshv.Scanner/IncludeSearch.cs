using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Mshv.Scanner;

/// <summary>
/// The include directories as clang searches them, used to find the headers named on the command line and
/// to name every file include-relative (<c>linux/mshv.h</c>), so the model never holds a machine's paths.
/// </summary>
internal sealed class IncludeSearch
{
    // The libclang package has no resource directory, so clang's own stddef.h/stdarg.h are missing; gcc's
    // freestanding headers are the closest equivalent on a Linux build machine.
    private static readonly Lazy<string?> GccBuiltin = new(() =>
        GccBuiltinDirectory.Find(Environment.GetEnvironmentVariable("PATH"), GccBuiltinDirectory.DefaultCacheDirectory()));

    private IncludeSearch(IReadOnlyList<string> user, string? builtin, IReadOnlyList<string> system)
    {
        UserDirectories = user;
        BuiltinDirectory = builtin;
        SystemDirectories = system;
    }

    public IReadOnlyList<string> UserDirectories { get; }

    /// <summary>Where stddef.h and friends come from (passed to clang as -isystem), or null.</summary>
    public string? BuiltinDirectory { get; }

    /// <summary>The directories clang's Linux driver adds after the user's, in its order.</summary>
    public IReadOnlyList<string> SystemDirectories { get; }

    private IEnumerable<string> SearchOrder =>
        UserDirectories.Concat(BuiltinDirectory is null ? Array.Empty<string>() : new[] { BuiltinDirectory }).Concat(SystemDirectories);

    public static IncludeSearch Create(ScanOptions options, List<ScanDiagnostic> diagnostics)
    {
        var user = new List<string>();
        foreach (string directory in options.IncludeDirectories)
        {
            string full = Path.GetFullPath(directory);
            if (Directory.Exists(full))
            {
                user.Add(full);
            }
            else
            {
                diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.InvalidOption, ScanSeverity.Error, null, 0, "include directory '" + directory + "' does not exist"));
            }
        }

        if (options.UapiIncludeRoot is string root)
        {
            string full = Path.GetFullPath(root);
            string asm = Path.Combine(full, MultiarchOf(options.Target));
            if (!Directory.Exists(full) || !Directory.Exists(asm))
            {
                diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.InvalidOption, ScanSeverity.Error, null, 0,
                    "uapi include root '" + root + "' has no folder " + MultiarchOf(options.Target) + " for target " + options.Target
                    + " (a linux-libc-dev tree holds one <multiarch>/asm folder per architecture)"));
            }
            else
            {
                user.Add(asm);
                user.Add(full);
            }
        }

        string? builtin = options.BuiltinIncludeDirectory switch
        {
            null => GccBuiltin.Value,
            "" => null,
            string given => Path.GetFullPath(given),
        };
        if (builtin is not null && !Directory.Exists(builtin))
        {
            diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.InvalidOption, ScanSeverity.Error, null, 0, "builtin include directory '" + builtin + "' does not exist"));
            builtin = null;
        }

        // The target's kernel asm/ headers: Debian's multiarch folder, or a cross toolchain's (linux-libc-dev-arm64-cross
        // installs /usr/aarch64-linux-gnu/include). Never the build machine's own: another architecture's asm/ would
        // give a layout that compiles and is wrong, so a header found in neither is "not found".
        string multiarch = MultiarchOf(options.Target);
        string[] system = { "/usr/local/include", "/usr/include/" + multiarch, "/usr/" + multiarch + "/include", "/usr/include" };
        return new IncludeSearch(user, builtin, system.Where(Directory.Exists).ToArray());
    }

    /// <summary>
    /// The Debian multiarch tuple holding a target's <c>asm/</c> headers: <c>x86_64-unknown-linux-gnu</c> and
    /// <c>x86_64-unknown-linux-musl</c> → <c>x86_64-linux-gnu</c> (the kernel's headers do not depend on the C library).
    /// </summary>
    public static string MultiarchOf(string target) => target.Split('-')[0] + "-linux-gnu";

    /// <summary>The system folders that exist and are not the compiler's defaults for the build machine: given to clang explicitly.</summary>
    public IEnumerable<string> CrossDirectories => SystemDirectories.Where(d => d.StartsWith("/usr/", System.StringComparison.Ordinal) && d.EndsWith("-linux-gnu/include", System.StringComparison.Ordinal));

    /// <summary>A header as given (a path), or else looked up like <c>#include &lt;name&gt;</c>.</summary>
    public string? Resolve(string header)
    {
        if (File.Exists(header))
        {
            return Path.GetFullPath(header);
        }

        if (Path.IsPathRooted(header))
        {
            return null;
        }

        return SearchOrder.Select(directory => Path.Combine(directory, header)).FirstOrDefault(File.Exists);
    }

    public string SearchedDescription() => string.Join(", ", SearchOrder);

    /// <summary>The file's path relative to the first include directory holding it, else its file name.</summary>
    public string RelativeName(string path)
    {
        if (path.Length == 0)
        {
            return "<built-in>";
        }

        string full = Path.GetFullPath(path);
        foreach (string directory in SearchOrder)
        {
            string prefix = directory.EndsWith('/') ? directory : directory + "/";
            if (full.StartsWith(prefix, StringComparison.Ordinal))
            {
                return full.Substring(prefix.Length);
            }
        }

        return Path.GetFileName(full);
    }
}
