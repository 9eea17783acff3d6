using System;
using System.IO;
using Microsoft.Build.Framework;

namespace Mshv.Build.Tasks;

/// <summary>
/// The hash that names the up-to-date marker of Mshv's work: FNV-1a (64 bits) over <see cref="Seed"/> (the hash of the
/// properties the work depends on) and, for each path listed in <see cref="WatchFile"/> (one a line), the path and its
/// last write time in UTC (100 ns ticks; -1 for a file that does not exist). Any change of a watched file's time, to an
/// older one too (a header package downgraded, a copy made with cp -p), is another hash.
/// </summary>
public sealed class MshvWatchedFilesHash : ITask
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public IBuildEngine? BuildEngine { get; set; }

    public ITaskHost? HostObject { get; set; }

    /// <summary>The list of watched files: one full path a line; blank lines are skipped.</summary>
    [Required]
    public string WatchFile { get; set; } = string.Empty;

    /// <summary>What else the work depends on, already hashed by the caller.</summary>
    public string Seed { get; set; } = string.Empty;

    /// <summary>16 lowercase hex digits; empty when <see cref="WatchFile"/> does not exist.</summary>
    [Output]
    public string Hash { get; private set; } = string.Empty;

    public bool Execute()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(WatchFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No list (or none readable): no hash, and the caller's build does the work, which writes the list again.
            return true;
        }

        ulong hash = Add(OffsetBasis, Seed);
        foreach (string line in lines)
        {
            string path = line.Trim();
            if (path.Length == 0)
            {
                continue;
            }

            hash = Add(hash, path);
            hash = Add(hash, LastWriteTicks(path));
        }

        Hash = hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    private static long LastWriteTicks(string path)
    {
        // One stat. LastWriteTimeUtc reports a missing file as 1601-01-01, as it would a file of that date: ask first.
        var file = new FileInfo(path);
        return file.Exists ? file.LastWriteTimeUtc.Ticks : -1;
    }

    private static ulong Add(ulong hash, string text)
    {
        foreach (char c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        // A separator no path contains, so "ab"+"c" and "a"+"bc" differ.
        return (hash ^ 0xFF) * Prime;
    }

    private static ulong Add(ulong hash, long value)
    {
        for (int i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(value >> (8 * i))) * Prime;
        }

        return hash;
    }
}
