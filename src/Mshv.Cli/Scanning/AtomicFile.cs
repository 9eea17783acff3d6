using System.IO;

namespace Mshv.Cli.Scanning;

/// <summary>
/// Writes a file so that a reader sees the old content or the new, never part of it: a temporary file in the same
/// folder, then a rename over the target (atomic on one file system). A build killed mid-write leaves the old model.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, "." + Path.GetFileName(full) + "." + System.Environment.ProcessId + ".tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
