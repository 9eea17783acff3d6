using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Mshv.Generator.Models;

namespace Mshv.Cli.Commands;

/// <summary>
/// The namespace <c>mshv generate</c> uses without <c>--namespace</c>: the one the build would choose for the project
/// the files go into (<c>$(RootNamespace).Interop</c>), found as the nearest <c>*.csproj</c> at or above the output
/// folder. Its <c>RootNamespace</c> is read from the project file; without one the SDK's default, the file name
/// (characters C# does not allow become <c>_</c>). Outside any project: <c>Interop</c>.
/// </summary>
internal static class ProjectNamespace
{
    public static string For(string outDir)
    {
        for (DirectoryInfo? folder = new(Path.GetFullPath(outDir)); folder is not null; folder = folder.Parent)
        {
            if (!folder.Exists)
            {
                continue;
            }

            string? project = folder.EnumerateFiles("*.csproj").Select(f => f.FullName).OrderBy(f => f, StringComparer.Ordinal).FirstOrDefault();
            if (project is not null)
            {
                return EmitOptions.InteropNamespaceOf(RootNamespaceOf(project));
            }
        }

        return EmitOptions.InteropNamespaceOf(null);
    }

    private static string RootNamespaceOf(string project)
    {
        string? declared = null;
        try
        {
            declared = XDocument.Load(project).Descendants().FirstOrDefault(e => e.Name.LocalName == "RootNamespace")?.Value.Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            // An unreadable project still has its file name.
        }

        // An MSBuild expression ($(…)) is only known to MSBuild: fall back to the SDK's default.
        return !string.IsNullOrEmpty(declared) && !declared!.Contains("$(", StringComparison.Ordinal)
            ? declared
            : new string(Path.GetFileNameWithoutExtension(project).Select(c => char.IsLetterOrDigit(c) || c is '_' or '.' ? c : '_').ToArray());
    }
}
