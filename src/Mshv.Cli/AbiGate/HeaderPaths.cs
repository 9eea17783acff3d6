using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Cli.AbiGate;

/// <summary>
/// Turns a model's include-relative locations (<c>linux/kvm.h:120</c>) back into the files the scan read (its
/// dependency file lists their full paths), so a diagnostic opens the header in the IDE.
/// </summary>
internal sealed class HeaderPaths
{
    private readonly IReadOnlyList<string> _files;

    private HeaderPaths(IReadOnlyList<string> files) => _files = files;

    public static HeaderPaths FromDependencyFile(string? path) =>
        new(path is not null && File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(Scanning.DependencyFile.PathOf).ToArray()
            : Array.Empty<string>());

    /// <summary>The full path of <paramref name="location"/>'s file when the scan read it, else the include-relative name.</summary>
    public string Resolve(SourceLocation location)
    {
        string suffix = "/" + location.File;
        return _files.FirstOrDefault(f => f.EndsWith(suffix, StringComparison.Ordinal) || f == location.File) ?? location.File;
    }
}
