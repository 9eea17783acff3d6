using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace Mshv.Tests.Infrastructure;

/// <summary>
/// The process's open file descriptors as "number -> target" (from /proc/self/fd), for leak tests. Compared as
/// sets, never as counts: a descriptor of another test closing meanwhile must not hide or fake a leak.
/// </summary>
internal static class OpenDescriptors
{
    /// <summary>Settles finalizers of earlier tests' objects, then lists the descriptors matching <paramref name="filter"/>.</summary>
    public static HashSet<string> Snapshot(Func<string, bool>? filter = null)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return List(filter);
    }

    /// <summary>Lists without collecting (for tests that hold off the GC so a missing Dispose stays visible).</summary>
    public static HashSet<string> List(Func<string, bool>? filter = null) =>
        Directory.GetFiles("/proc/self/fd")
            .Select(fd => (Fd: fd, Target: Target(fd)))
            .Where(entry => entry.Target is not null && (filter is null || filter(entry.Target)))
            .Select(entry => Path.GetFileName(entry.Fd) + " -> " + entry.Target)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>No descriptor is open now that was not open in <paramref name="before"/>.</summary>
    public static void AssertNoneAdded(HashSet<string> before, HashSet<string> now)
    {
        var added = now.Except(before).OrderBy(d => d, StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0, "descriptors left open: " + string.Join(", ", added));
    }

    private static string? Target(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null; // closed between listing and reading: not ours to judge
        }
    }
}
