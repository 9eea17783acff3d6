using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Mshv.Benchmarks;

/// <summary>The C baseline: <c>Native/ioctl_baseline.c</c>, compiled with the system <c>cc</c> on first use.</summary>
internal static unsafe partial class NativeBaseline
{
    private const string Library = "mshv_bench";

    /// <summary>Compiles the C file next to this assembly into a temp directory and routes <see cref="Library"/> to it.</summary>
    public static void Build()
    {
        string source = Path.Combine(AppContext.BaseDirectory, "Native", "ioctl_baseline.c");
        string directory = Directory.CreateTempSubdirectory("mshv-bench-").FullName;
        string library = Path.Combine(directory, "libmshv_bench.so");
        Run("cc", "-O2", "-Wall", "-Wextra", "-Werror", "-shared", "-fPIC", "-o", library, source);
        IntPtr handle = NativeLibrary.Load(library);
        NativeLibrary.SetDllImportResolver(
            typeof(NativeBaseline).Assembly,
            (name, assembly, searchPath) => name == Library ? handle : IntPtr.Zero);
    }

    [LibraryImport(Library, EntryPoint = "mshv_bench_request")]
    public static partial nuint Request();

    [LibraryImport(Library, EntryPoint = "mshv_bench_check_extension")]
    public static partial int CheckExtension(int fd, nuint capability);

    [LibraryImport(Library, EntryPoint = "mshv_bench_check_extension_loop")]
    public static partial int CheckExtensionLoop(int fd, nuint capability, nint count);

    [LibraryImport(Library, EntryPoint = "mshv_bench_ns_per_call")]
    public static partial double NanosecondsPerCall(int fd, nuint capability, nint count);

    private static void Run(string executable, params string[] arguments)
    {
        ProcessStartInfo start = new(executable) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{error}");
        }
    }
}
