using System;
using System.IO;

namespace Mshv.Tests.Generator.Support;

/// <summary>Paths inside the repository, found at run time from the test binaries (never hard-coded).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
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

    public static string Root => LazyRoot.Value;

    public static string Headers => Path.Combine(Root, "headers");

    public static string SeedModel => Path.Combine(Headers, "mshv.abi");

    public static string Baselines => Path.Combine(Root, "tests", "Mshv.Tests", "Baselines");
}
