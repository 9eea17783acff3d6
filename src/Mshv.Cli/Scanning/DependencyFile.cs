using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace Mshv.Cli.Scanning;

/// <summary>
/// What a scan read, for the build to watch (as <c>cc -MD</c> does): one line a file, sorted, in <c>sha256sum</c>'s form
/// (<c>HASH  PATH</c>, 64 hex digits and two spaces). The build compares the hashes, not only the timestamps, so a
/// header replaced by an older copy (<c>cp -p</c>, tar, <c>rsync -t</c>) still rescans. Written only when it changed,
/// atomically.
/// The hashes are taken after the scan: a file written since the scan began may hold other bytes than the scan read,
/// and recording those would make the next build's check agree with a model made from the old ones, for good. Such a
/// file gets no hash the build could match (as git's racily clean index entries): the next build rescans it.
/// </summary>
internal static class DependencyFile
{
    public const int HashLength = 64;

    /// <summary>
    /// How long before the scan's start a write still counts as during it: the kernel stamps files with a clock that
    /// lags the wall clock by up to a tick (10 ms at HZ=100). File systems with timestamps coarser than that (FAT's 2 s)
    /// are not covered; a wider margin would rescan after every build started right after a save.
    /// </summary>
    public static readonly TimeSpan RacyMargin = TimeSpan.FromMilliseconds(100);

    public static void Write(string path, IReadOnlyList<string> files, DateTime scanStartUtc)
    {
        DateTime racyFrom = scanStartUtc - RacyMargin;
        string text = string.Concat(files.Select(f => Line(f, racyFrom) + "\n"));
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return;
        }

        AtomicFile.WriteAllText(path, text);
    }

    /// <summary>The path of one line (<c>HASH  PATH</c>, or a bare path as older scans wrote).</summary>
    public static string PathOf(string line) =>
        line.Length > HashLength + 2 && line[HashLength] == ' ' && line[HashLength + 1] == ' ' && line.Take(HashLength).All(Uri.IsHexDigit)
            ? line.Substring(HashLength + 2)
            : line;

    private static string Line(string file, DateTime racyFrom)
    {
        // A file that vanished since the scan read it, or was written since it began, gets no hash the build could
        // match: it rescans.
        var info = new FileInfo(file);
        bool current = info.Exists && info.LastWriteTimeUtc < racyFrom;
        string hash = current ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))).ToLowerInvariant() : new string('0', HashLength);
        return hash + "  " + file;
    }
}
