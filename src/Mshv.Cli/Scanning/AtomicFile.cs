using System;
using System.IO;

namespace Mshv.Cli.Scanning;

/// <summary>
/// Writes a file so that a reader sees the old content or the new, never part of it: a temporary file in the same
/// folder, then a rename over the target (atomic on one file system). A build killed mid-write leaves the old model.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text) => Replace(path, temporary => File.WriteAllText(temporary, text));

    /// <summary>Writes what <paramref name="write"/> puts in the stream it is given.</summary>
    public static void Write(string path, Action<Stream> write) => Replace(path, temporary =>
    {
        using var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        write(stream);
    });

    private static void Replace(string path, Action<string> writeTemporary)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Environment.ProcessId + ".tmp");
        try
        {
            writeTemporary(temporary);
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
