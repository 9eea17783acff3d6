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
/// </summary>
internal static class DependencyFile
{
    public const int HashLength = 64;

    public static void Write(string path, IReadOnlyList<string> files)
    {
        string text = string.Concat(files.Select(f => Line(f) + "\n"));
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

    private static string Line(string file)
    {
        // A file that vanished since the scan read it gets no hash the build could match: it rescans.
        string hash = File.Exists(file) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))).ToLowerInvariant() : new string('0', HashLength);
        return hash + "  " + file;
    }
}
