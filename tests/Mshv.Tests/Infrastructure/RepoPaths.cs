using System;
using System.IO;

namespace Mshv.Tests.Infrastructure;

/// <summary>Paths inside the checkout, found from the test binaries so nothing machine-specific is committed.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mshv.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Mshv.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    /// <summary>The vendored seed headers (<c>headers/</c>), laid out for <c>-I</c>.</summary>
    public static string Headers => Path.Combine(Root, "headers");

    /// <summary>The checked-in ABI snapshot of the vendored headers.</summary>
    public static string SeedModel => Path.Combine(Headers, "mshv.abi");

    /// <summary>The seed headers as RFC patch 18/18 revises them (a test fixture).</summary>
    public static string SeedRev18Headers => InRoot("tests", "Mshv.Tests", "Fixtures", "seed-rev18");

    /// <summary>Emitted-source baselines.</summary>
    public static string Baselines => InRoot("tests", "Mshv.Tests", "Baselines");

    public static string InRoot(params string[] parts) => Path.Combine(Root, Path.Combine(parts));
}
