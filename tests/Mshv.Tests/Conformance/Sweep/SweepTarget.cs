using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Conformance.Sweep;

/// <summary>
/// One architecture the sweep measures: the clang triple the scanner computes layouts for, the Debian multiarch folder
/// holding its <c>asm/</c> headers, the gcc that is the oracle, and how that gcc's programs are run.
/// </summary>
/// <param name="Name">The name in summary lines and tables (<c>x86_64</c>, <c>aarch64</c>).</param>
/// <param name="Runner">
/// The emulator a probe program runs under (<c>qemu-aarch64-static</c>), or null to run it directly. The aarch64 probes
/// run under user-mode qemu rather than having their values extracted at compile time because the probe finds a
/// bitfield's bits by storing all ones and scanning bytes, which needs the target's code to execute; one probe
/// program (the same C the x86_64 run uses) keeps the two architectures' answers comparable.
/// </param>
internal sealed record SweepTarget(string Name, string Triple, string Multiarch, string Compiler, string? Runner)
{
    public static readonly SweepTarget X86_64 = new("x86_64", "x86_64-unknown-linux-gnu", "x86_64-linux-gnu", "gcc", null);

    public static readonly SweepTarget Aarch64 = new("aarch64", "aarch64-unknown-linux-gnu", "aarch64-linux-gnu", "aarch64-linux-gnu-gcc", "qemu-aarch64-static");

    public static IReadOnlyList<SweepTarget> All { get; } = new[] { X86_64, Aarch64 };

    public static SweepTarget Named(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException("unknown sweep target '" + name + "' (x86_64 or aarch64)");

    /// <summary>The include folders, most specific first: the target's <c>asm/</c>, then <c>linux/</c> and <c>asm-generic/</c>.</summary>
    public IReadOnlyList<string> IncludeDirectories => new[] { UpstreamHeaders.AsmRoot(Multiarch), UpstreamHeaders.IncludeRoot };

    /// <summary>
    /// gcc's flags: the fetched 7.x tree before the compiler's own kernel headers (the cross toolchain's sysroot has
    /// 6.1's), as <c>-isystem</c> folders are searched before the standard system folders.
    /// </summary>
    public IReadOnlyList<string> CompilerFlags => IncludeDirectories.SelectMany(d => new[] { "-isystem", d }).ToArray();

    /// <summary>Link statically when the program runs under an emulator, so it needs no target libraries at run time.</summary>
    public IReadOnlyList<string> LinkFlags => Runner is null ? Array.Empty<string>() : new[] { "-static" };

    /// <summary>The oracle gcc's own freestanding headers (stddef.h…), which the scanner uses for this target too.</summary>
    public string BuiltinIncludeDirectory => CCompiler.Run(Compiler, new[] { "-print-file-name=include" }, Compiler + " -print-file-name").Trim();

    /// <summary>Whether this machine has the compiler (and emulator) the target needs.</summary>
    public bool IsAvailable => OnPath(Compiler) && (Runner is null || OnPath(Runner));

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program)));
}
