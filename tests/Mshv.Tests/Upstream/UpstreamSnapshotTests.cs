using System;
using System.IO;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Upstream;

/// <summary>
/// <c>headers/upstream/mshv.abi</c> is the snapshot of the upstream header and <c>mshv.lock</c> its provenance. Backports
/// keep only the newest packages, so a moved version is drift that <c>mshv regen</c> reports as an abi-diff, not a failure.
/// </summary>
public sealed class UpstreamSnapshotTests
{
    [Fact]
    public void Regen_of_the_fetched_package_keeps_the_snapshot_or_reports_the_version_drift()
    {
        using var copy = UpstreamSettingsCopy.Create();
        string lockedVersion = copy.LockedVersion();

        (int exit, string text) = copy.Regen();

        Assert.True(exit == 0, text);
        if (lockedVersion == UpstreamHeaders.Version)
        {
            // Same package: the committed model and every header hash are what a fresh scan gives.
            Assert.Contains("mshv.abi: unchanged", text, StringComparison.Ordinal);
            Assert.Contains("mshv.lock: unchanged (linux-libc-dev " + lockedVersion + ")", text, StringComparison.Ordinal);
            Assert.Contains("in namespace Mshv.Interop.Upstream", text, StringComparison.Ordinal); // the settings' namespace
        }
        else
        {
            Assert.Contains("moved from linux-libc-dev " + lockedVersion + " to " + UpstreamHeaders.Version, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_moved_package_version_is_reported_as_drift_with_the_abi_changes_and_the_lock_is_refreshed()
    {
        using var copy = UpstreamSettingsCopy.Create();
        // Pretend the snapshot was taken from an older package whose MSHV_CREATE_VP had another number.
        copy.Edit("mshv.lock", "package linux-libc-dev " + copy.LockedVersion(), "package linux-libc-dev 6.15.0-1~bpo12+1");
        copy.Edit("mshv.lock", " linux/mshv.h", "0 linux/mshv.h");
        copy.Edit("mshv.abi", "macro MSHV_CREATE_VP value=", "macro MSHV_CREATE_VP value=1");

        (int exit, string text) = copy.Regen();

        Assert.True(exit == 0, text);
        Assert.Contains("mshv.abi: updated", text, StringComparison.Ordinal);
        Assert.Contains("MSHV_CREATE_VP", text, StringComparison.Ordinal);
        Assert.Contains("moved from linux-libc-dev 6.15.0-1~bpo12+1 to " + UpstreamHeaders.Version, text, StringComparison.Ordinal);
        Assert.Contains("headers changed: linux/mshv.h", text, StringComparison.Ordinal);
        Assert.Equal(UpstreamHeaders.Version, copy.LockedVersion());
    }

    /// <summary>A temporary copy of <c>headers/upstream/</c> (fetch script, settings, snapshot, lock) that tests may edit.</summary>
    private sealed class UpstreamSettingsCopy : IDisposable
    {
        private readonly string _root;

        private UpstreamSettingsCopy(string root) => _root = root;

        public static UpstreamSettingsCopy Create()
        {
            string root = Directory.CreateTempSubdirectory("mshv-upstream-").FullName;
            foreach (string name in new[] { "fetch", "mshv.scan", "mshv.abi", "mshv.lock" })
            {
                File.Copy(Path.Combine(RepoPaths.Headers, "upstream", name), Path.Combine(root, name));
            }

            return new UpstreamSettingsCopy(root);
        }

        public string LockedVersion()
        {
            foreach (string line in File.ReadAllLines(Path.Combine(_root, "mshv.lock")))
            {
                if (line.StartsWith("package linux-libc-dev ", StringComparison.Ordinal))
                {
                    return line["package linux-libc-dev ".Length..];
                }
            }

            throw new InvalidOperationException("mshv.lock names no package version");
        }

        public void Edit(string file, string find, string replaceWith)
        {
            string path = Path.Combine(_root, file);
            string text = File.ReadAllText(path);
            Assert.Contains(find, text, StringComparison.Ordinal);
            File.WriteAllText(path, text.Replace(find, replaceWith, StringComparison.Ordinal));
        }

        public (int Exit, string Text) Regen()
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = Mshv.Cli.Program.Run(new[] { "regen", "--settings", Path.Combine(_root, "mshv.scan") }, output, error);
            return (exit, output + "\n" + error);
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
