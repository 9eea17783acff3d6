using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Mshv.Generator.Models;

namespace Mshv.Generator.Diagnostics;

/// <summary>
/// Turns an emitter diagnostic into a Roslyn one, located only now (pipeline state holds paths and lines,
/// never a <see cref="Location"/>). Header paths in the model are include-relative: a build-time model (in obj/)
/// has the list of files its scan read beside it, and the header is the one whose path ends with that name; a
/// checked-in model lives beside its headers, so they resolve against the model file's folder.
/// </summary>
internal static class DiagnosticLocations
{
    public static Diagnostic Create(EmitDiagnostic diagnostic, string modelPath, HeaderFiles? readFiles = null)
    {
        Location location = Location.None;
        if (diagnostic.HeaderLocation is { } at)
        {
            string folder = modelPath.Length == 0 ? string.Empty : Path.GetDirectoryName(modelPath) ?? string.Empty;
            string file = Path.IsPathRooted(at.File) ? at.File : readFiles?.Find(at.File) ?? Path.Combine(folder, at.File);
            var line = new LinePosition(at.Line > 0 ? at.Line - 1 : 0, 0);
            location = Location.Create(file, default, new LinePositionSpan(line, line));
        }

        return Diagnostic.Create(MshvDiagnostics.Descriptor(diagnostic.Id), location, diagnostic.Message);
    }
}
