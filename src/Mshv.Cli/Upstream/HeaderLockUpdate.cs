using System.IO;
using System.Linq;

namespace Mshv.Cli.Upstream;

/// <summary>Refreshes a lock file after a scan and says what moved: the package version, and which headers changed.</summary>
internal static class HeaderLockUpdate
{
    public static string Apply(string lockPath, HeaderLock current)
    {
        HeaderLock? previous = HeaderLock.ReadOrNull(lockPath);
        string text = current.Write();
        if (File.Exists(lockPath) && File.ReadAllText(lockPath) == text)
        {
            return lockPath + ": unchanged (linux-libc-dev " + current.PackageVersion + ")";
        }

        File.WriteAllText(lockPath, text);
        if (previous is null)
        {
            return lockPath + ": written (linux-libc-dev " + current.PackageVersion + ", " + current.Files.Count + " headers hashed)";
        }

        string changed = string.Join(", ", current.ChangedFiles(previous));
        string headers = changed.Length == 0 ? "no header content changed" : "headers changed: " + changed;
        return previous.PackageVersion == current.PackageVersion
            ? lockPath + ": updated (linux-libc-dev " + current.PackageVersion + "; " + headers + ")"
            : lockPath + ": the fetched package moved from linux-libc-dev " + previous.PackageVersion + " to " + current.PackageVersion
              + " (drift, not an error: the ABI changes, if any, are listed above for the snapshot; " + headers + ")";
    }
}
