using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Mshv.Scanner;

namespace Mshv.Cli.Scanning;

/// <summary>
/// Where the scanner's "libclang" comes from. In the repository and in the <c>mshv</c> .NET tool the deps.json names
/// the runtime asset beside the tool; the copy inside the Mshv.Generator package has no deps.json (it must not carry
/// 207 MB of libclang): the build targets pass the libclang.so of the libclang.runtime.linux-x64 package in the NuGet
/// folder with <c>--libclang</c> (or <c>MSHV_LIBCLANG</c>), and without either it looks there itself.
/// </summary>
internal static class LibClangLocation
{
    public const string EnvironmentVariable = "MSHV_LIBCLANG";

    private static readonly object Gate = new();
    private static string? _path;

    /// <summary>
    /// The explicit path given (option first, then the environment); else, when no libclang came with the tool (the
    /// <c>mshv</c> .NET tool and the repository's build carry it under <c>runtimes/</c>), the libclang.runtime.linux-x64
    /// package of the version this tool was built with in the NuGet folder; null lets the runtime resolve it.
    /// </summary>
    public static string? Choose(string? option) =>
        option
        ?? (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null)
        ?? (CameWithTheTool() ? null : InNuGetFolder());

    // A portable build keeps the runtime asset under runtimes/; a linux-x64 one (the .NET tool) puts it beside the tool.
    private static bool CameWithTheTool() =>
        File.Exists(Path.Combine(AppContext.BaseDirectory, NativeAsset))
        || File.Exists(Path.Combine(AppContext.BaseDirectory, "libclang.so"));

    private const string NativeAsset = "runtimes/linux-x64/native/libclang.so";

    private static string? InNuGetFolder()
    {
        string? version = typeof(LibClangLocation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "MshvLibClangVersion")?.Value;
        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(root, "libclang.runtime.linux-x64", version ?? "none", NativeAsset);
        return version is { Length: > 0 } && File.Exists(path) ? path : null;
    }

    /// <summary>Makes the scanner load libclang from <paramref name="path"/>; returns an error message when it cannot.</summary>
    public static string? Use(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return "libclang not found at " + full + " (from --libclang or " + EnvironmentVariable + "); restore the libclang.runtime.linux-x64 package or point at its runtimes/linux-x64/native/libclang.so";
        }

        lock (Gate)
        {
            if (_path is null)
            {
                NativeLibrary.SetDllImportResolver(typeof(HeaderScanner).Assembly, Resolve);
                _path = full;
            }
            else if (_path != full)
            {
                return "libclang is already loaded from " + _path + "; one process uses one libclang";
            }
        }

        return null;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "libclang" && _path is not null ? NativeLibrary.Load(_path) : IntPtr.Zero;
}
