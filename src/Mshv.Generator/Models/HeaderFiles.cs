using System;
using System.IO;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Generator.Models;

/// <summary>
/// The full paths of the headers a build-time scan read (its <c>NAME.abi.deps</c> file, beside the model in obj/).
/// A model names headers include-relative (<c>linux/kvm.h</c>); a diagnostic needs the file a user can open.
/// </summary>
internal sealed record HeaderFiles(string ModelPath, EquatableArray<string> Paths)
{
    public const string Extension = ".deps";

    public static bool IsDependencyFile(string path) => path.EndsWith(".abi" + Extension, StringComparison.OrdinalIgnoreCase);

    public static HeaderFiles Parse(string path, string? text) => new(
        path.Substring(0, path.Length - Extension.Length),
        (text ?? string.Empty).Split('\n').Select(l => WithoutHash(l.Trim())).Where(l => l.Length > 0).ToEquatableArray());

    /// <summary>A line is <c>HASH  PATH</c> (sha256sum's form: 64 hex digits, two spaces); older files had the path alone.</summary>
    private static string WithoutHash(string line) =>
        line.Length > 66 && line[64] == ' ' && line[65] == ' ' && line.Take(64).All(Uri.IsHexDigit) ? line.Substring(66) : line;

    /// <summary>The read file whose path ends with the include-relative name, or null (then the model's folder is used).</summary>
    public string? Find(string includeRelative)
    {
        string suffix = "/" + includeRelative.Replace(Path.DirectorySeparatorChar, '/');
        return Paths.FirstOrDefault(p => p.EndsWith(suffix, StringComparison.Ordinal));
    }
}
