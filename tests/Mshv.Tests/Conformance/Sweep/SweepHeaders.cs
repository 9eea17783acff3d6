using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Conformance.Sweep;

/// <summary>Every header the sweep compiles alone for a target: all of <c>linux/</c> (with its subfolders) and the target's <c>asm/</c>.</summary>
internal static class SweepHeaders
{
    /// <summary>Include-style names (<c>linux/kvm.h</c>, <c>asm/kvm.h</c>), sorted.</summary>
    public static IReadOnlyList<string> For(SweepTarget target)
    {
        string root = UpstreamHeaders.IncludeRoot;
        IEnumerable<string> linux = Directory.EnumerateFiles(Path.Combine(root, "linux"), "*.h", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path));
        IEnumerable<string> asm = Directory.EnumerateFiles(Path.Combine(UpstreamHeaders.AsmRoot(target.Multiarch), "asm"), "*.h", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(UpstreamHeaders.AsmRoot(target.Multiarch), path));
        return linux.Concat(asm).Select(n => n.Replace('\\', '/')).OrderBy(n => n, StringComparer.Ordinal).ToList();
    }

    /// <summary>The file an include-style name of <see cref="For"/> names, for <paramref name="target"/>.</summary>
    public static string PathOf(string header, SweepTarget target) =>
        header.StartsWith("asm/", StringComparison.Ordinal)
            ? Path.Combine(UpstreamHeaders.AsmRoot(target.Multiarch), header)
            : Path.Combine(UpstreamHeaders.IncludeRoot, header);
}
