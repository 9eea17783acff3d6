using System;
using System.IO;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>Paths inside the repository, found at run time from the test binary (never a machine path).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SeedHeaders => Path.Combine(Root, "headers");

    public static string SeedRev18Headers => Path.Combine(Root, "tests", "Mshv.Tests", "Fixtures", "seed-rev18");

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mshv.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Mshv.sln above " + AppContext.BaseDirectory);
    }
}
