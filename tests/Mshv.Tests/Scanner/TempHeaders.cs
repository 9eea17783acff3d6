using System;
using System.IO;

namespace Mshv.Tests.Scanner;

/// <summary>A temporary include directory for headers written by a test; deleted on dispose.</summary>
internal sealed class TempHeaders : IDisposable
{
    public TempHeaders()
    {
        Directory = Path.Combine(Path.GetTempPath(), "mshv-headers-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "test"));
    }

    public string Directory { get; }

    /// <summary>Writes <c>test/NAME</c> and returns its full path.</summary>
    public string Write(string name, string text)
    {
        string path = Path.Combine(Directory, "test", name);
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
