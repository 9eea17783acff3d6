using System;
using System.IO;

namespace Mshv.Tests.Infrastructure;

/// <summary>A directory under the system temp folder that is removed with everything in it on disposal.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string purpose) => Path = CCompiler.NewWorkDirectory(purpose);

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
