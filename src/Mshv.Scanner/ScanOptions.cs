using System.Collections.Generic;

namespace Mshv.Scanner;

/// <summary>What to scan and how clang should see it.</summary>
/// <param name="Headers">Header files to scan: paths, or include-style names (<c>linux/kvm.h</c>) looked up in the
/// include directories and then the system include directories.</param>
/// <param name="IncludeDirectories">Directories searched by <c>#include</c> before the system ones (clang's <c>-I</c>).</param>
/// <param name="Defines"><c>NAME</c> or <c>NAME=VALUE</c>, as clang's <c>-D</c>.</param>
/// <param name="PreludeIncludes">Headers included before the scanned ones, as clang's <c>-include</c>.</param>
/// <param name="Target">The target triple the layout is computed for.</param>
public sealed record ScanOptions(
    IReadOnlyList<string> Headers,
    IReadOnlyList<string> IncludeDirectories,
    IReadOnlyList<string> Defines,
    IReadOnlyList<string> PreludeIncludes,
    string Target = "x86_64-unknown-linux-gnu")
{
    /// <summary>
    /// Where C's freestanding headers (<c>stddef.h</c>, <c>stdarg.h</c>…) come from. The libclang NuGet package
    /// ships no clang resource headers, so by default gcc's are used (<c>gcc -print-file-name=include</c>);
    /// set a directory to use another, or an empty string to use none.
    /// </summary>
    public string? BuiltinIncludeDirectory { get; init; }

    /// <summary>
    /// A member whose type the model cannot represent fails the scan (MSHVS007 as an error, no model), as CI may
    /// want. By default only that member (kept as opaque bytes) or its record is left out, with a located warning.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>
    /// Include <c>&lt;linux/ioctl.h&gt;</c> before everything else when the include path has it, as every C user of a
    /// uapi header does through <c>&lt;sys/ioctl.h&gt;</c> (<c>hidraw.h</c> uses <c>_IOR</c> without including it).
    /// The CLI and the build integration set it unless told not to.
    /// </summary>
    public bool IoctlPrelude { get; init; }

    /// <summary>
    /// A uapi include root laid out as Debian's <c>linux-libc-dev</c> (one <c>&lt;multiarch&gt;/asm</c> folder per
    /// architecture): searched after <see cref="IncludeDirectories"/>, first its folder for <see cref="Target"/>
    /// (<c>ROOT/aarch64-linux-gnu</c>), then the root itself. A scan for several targets therefore finds each target's asm/.
    /// </summary>
    public string? UapiIncludeRoot { get; init; }

    /// <summary>
    /// Also evaluate every macro with the probe unit and throw when the first unit's evaluator differs (what
    /// <c>MSHV_SCAN_CHECK_EVALUATOR=1</c> does for any scan): for the tests.
    /// </summary>
    internal bool CheckEvaluator { get; init; }

    /// <summary>The header <see cref="IoctlPrelude"/> includes.</summary>
    public const string IoctlHeader = "linux/ioctl.h";
}
