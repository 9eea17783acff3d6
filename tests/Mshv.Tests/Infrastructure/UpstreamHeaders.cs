using System;
using System.IO;

namespace Mshv.Tests.Infrastructure;

/// <summary>
/// A current kernel's uapi headers (Debian's <c>linux-libc-dev</c> from trixie-backports), fetched into a cache by
/// <c>headers/upstream/fetch</c> on first use. They are never copied into the repository; the system's own kernel
/// headers are never changed. Layout: <c>IncludeRoot/linux/…</c>, <c>IncludeRoot/asm-generic/…</c> and one
/// <c>IncludeRoot/&lt;multiarch&gt;/asm/…</c> folder per architecture.
/// </summary>
internal static class UpstreamHeaders
{
    private static readonly Lazy<string> Root = new(() => Fetch(string.Empty));
    private static readonly Lazy<string> PackageVersion = new(() => Fetch("--version"));

    /// <summary>The unpacked <c>usr/include</c> folder.</summary>
    public static string IncludeRoot => Root.Value;

    /// <summary>The <c>linux-libc-dev</c> version that was unpacked, e.g. <c>7.3.4-1~bpo13+1</c>.</summary>
    public static string Version => PackageVersion.Value;

    /// <summary>The folder holding <c>asm/</c> for a Debian multiarch tuple such as <c>x86_64-linux-gnu</c>.</summary>
    public static string AsmRoot(string multiarch) => Path.Combine(IncludeRoot, multiarch);

    /// <summary>
    /// Compiler arguments that put the fetched tree before the compiler's own kernel headers for
    /// <paramref name="multiarch"/> (<c>-isystem</c> folders are searched before the standard system folders).
    /// </summary>
    public static string[] CompilerArguments(string multiarch = "x86_64-linux-gnu") =>
        new[] { "-isystem", IncludeRoot, "-isystem", AsmRoot(multiarch) };

    private static string Fetch(string argument)
    {
        string script = RepoPaths.InRoot("headers", "upstream", "fetch");
        string output = CCompiler.Run("bash", argument.Length == 0 ? new[] { script } : new[] { script, argument }, "headers/upstream/fetch");
        return output.Trim();
    }
}
