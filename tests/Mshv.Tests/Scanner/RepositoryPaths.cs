using System;
using System.IO;

namespace Mshv.Tests.Scanner;

/// <summary>Paths inside the repository, found at run time from the test binary (no machine paths are committed).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mshv.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Mshv.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string Headers => Path.Combine(Root, "headers");

    public static string SeedModel => Path.Combine(Headers, "mshv.abi");
}
