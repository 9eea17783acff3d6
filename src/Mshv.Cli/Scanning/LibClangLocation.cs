using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using Mshv.Scanner;

namespace Mshv.Cli.Scanning;

/// <summary>
/// Where the scanner's "libclang" comes from. In the repository the tool's deps.json names the NuGet runtime
/// asset; the packaged tool has no deps.json (it must not carry 264 MB of libclang), so the build targets pass
/// the libclang.so of the libclang.runtime.linux-x64 package in the NuGet folder with <c>--libclang</c>
/// (or <c>MSHV_LIBCLANG</c>).
/// </summary>
internal static class LibClangLocation
{
    public const string EnvironmentVariable = "MSHV_LIBCLANG";

    private static readonly object Gate = new();
    private static string? _path;

    /// <summary>The explicit path given (option first, then the environment), or null to let the runtime resolve it.</summary>
    public static string? Choose(string? option) =>
        option ?? (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);

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
