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

    public static string Headers => Path.Combine(Root, "headers");

    public static string InRoot(params string[] parts) => Path.Combine(Root, Path.Combine(parts));
}
