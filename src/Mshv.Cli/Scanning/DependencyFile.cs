using System.Collections.Generic;
using System.IO;

namespace Mshv.Cli.Scanning;

/// <summary>
/// What a scan read, for the build to watch (as <c>cc -MD</c> does): one full path a line, sorted, so MSBuild's
/// ReadLinesFromFile gives the next build its Inputs. Written only when it changed, so its own timestamp means something.
/// </summary>
internal static class DependencyFile
{
    public static void Write(string path, IReadOnlyList<string> files)
    {
        string text = string.Join("\n", files) + "\n";
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return;
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, text);
    }
}
