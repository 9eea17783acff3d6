using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Mshv.Cli.Upstream;

/// <summary>
/// Provenance of a snapshot scanned from fetched headers (<c>headers/upstream/mshv.lock</c>): the package version and a
/// sha256 of each header the scan read below the include root. The headers themselves are never checked in.
/// </summary>
internal sealed record HeaderLock(string PackageVersion, IReadOnlyList<(string Path, string Sha256)> Files)
{
    private const string PackageKey = "package linux-libc-dev ";
    private const string HashKey = "sha256 ";

    /// <summary>The lock for a scan: every file it read below <paramref name="includeRoot"/>, by its path there.</summary>
    public static HeaderLock Of(string packageVersion, string includeRoot, IEnumerable<string> readFiles)
    {
        string root = Path.GetFullPath(includeRoot).TrimEnd('/') + "/";
        var files = readFiles
            .Select(Path.GetFullPath)
            .Where(f => f.StartsWith(root, StringComparison.Ordinal))
            .Select(f => (Path: f[root.Length..], Sha256: Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        return new HeaderLock(packageVersion, files);
    }

    public static HeaderLock? ReadOrNull(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string? version = null;
        var files = new List<(string, string)>();
        foreach (string line in File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (line.StartsWith(PackageKey, StringComparison.Ordinal))
            {
                version = line[PackageKey.Length..].Trim();
            }
            else if (line.StartsWith(HashKey, StringComparison.Ordinal) && line[HashKey.Length..].Split(' ', 2) is [string hash, string file])
            {
                files.Add((file, hash));
            }
        }

        return version is null ? null : new HeaderLock(version, files);
    }

    public string Write()
    {
        var text = new StringBuilder();
        text.Append("# Provenance of the ABI snapshot beside this file, written by `mshv regen`; do not edit.\n");
        text.Append("# The Debian package the headers came from (headers/upstream/fetch), and the sha256 of each header the scan read.\n");
        text.Append(PackageKey).Append(PackageVersion).Append('\n');
        foreach ((string file, string hash) in Files)
        {
            text.Append(HashKey).Append(hash).Append(' ').Append(file).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Headers whose content differs from <paramref name="other"/> (or that only one of them read).</summary>
    public IEnumerable<string> ChangedFiles(HeaderLock other) =>
        Files.Select(f => f.Path).Union(other.Files.Select(f => f.Path)).OrderBy(p => p, StringComparer.Ordinal)
            .Where(p => Files.FirstOrDefault(f => f.Path == p).Sha256 != other.Files.FirstOrDefault(f => f.Path == p).Sha256);
}
