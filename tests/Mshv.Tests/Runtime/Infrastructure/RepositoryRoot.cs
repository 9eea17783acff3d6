using System;
using System.IO;

namespace Mshv.Tests.Runtime.Infrastructure;

/// <summary>The checkout the tests run from: the folder holding Mshv.sln, found by walking up from the binaries.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Mshv.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Mshv.sln above {AppContext.BaseDirectory}");
    }
}
