using System;
using System.Globalization;
using System.IO;
using System.Threading;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Packaging;

/// <summary>
/// Mshv.Generator and Mshv.Bindings packed ONCE per test run into a temporary feed, with a prerelease version no
/// other run uses (the global packages folder never serves a stale package). Every end-to-end test that needs the
/// packages takes <see cref="Instance"/>; the first one packs, the others wait for it. At process exit the feed and
/// this version's folders in the global packages folder are removed.
/// </summary>
internal sealed class PackedFeed
{
    private static readonly Lazy<PackedFeed> Shared = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);

    private PackedFeed(string path, string version)
    {
        Path = path;
        Version = version;
    }

    /// <summary>The feed of this test run (packed on first use).</summary>
    public static PackedFeed Instance => Shared.Value;

    /// <summary>The folder holding the .nupkg files.</summary>
    public string Path { get; }

    /// <summary>The version both packages carry in this run.</summary>
    public string Version { get; }

    public string Package(string id) => System.IO.Path.Combine(Path, id + "." + Version + ".nupkg");

    /// <summary>A new console project outside the checkout that references both packages from this feed.</summary>
    public PackageConsumer NewConsumer(string prefix = "mshv-consumer-") => new(this, new TempFolder(prefix));

    private static PackedFeed Pack()
    {
        var folder = new TempFolder("mshv-feed-");
        string version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)
            + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            folder.Dispose();
            ForgetPackages(version);
        };

        // Debug, the configuration `dotnet test` just built: the pack reuses those outputs instead of a Release build.
        lock (RepoBuilds.Gate)
        {
            foreach (string project in new[] { "src/Mshv.Generator.Package", "src/Mshv.Bindings" })
            {
                DotnetCli.Run(
                    RepoPaths.Root, "pack", RepoPaths.InRoot(project), "-c", "Debug", "-o", folder.Path, "-p:Version=" + version, "-nodeReuse:false")
                    .AssertSucceeded("dotnet pack " + project);
            }
        }

        return new PackedFeed(folder.Path, version);
    }

    /// <summary>This run's version is never asked for again: drop it from the global packages folder.</summary>
    private static void ForgetPackages(string version)
    {
        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in new[] { "mshv.generator", "mshv.bindings" })
        {
            string package = System.IO.Path.Combine(root, id, version);
            try
            {
                if (Directory.Exists(package))
                {
                    Directory.Delete(package, recursive: true);
                }
            }
            catch (IOException)
            {
                // A build node may still hold a file; a leftover package folder of an unused version is harmless.
            }
        }
    }
}
