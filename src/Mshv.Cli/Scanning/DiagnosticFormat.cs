using System.Globalization;
using System.IO;
using Mshv.Abi.Diagnostics;
using Mshv.Scanner;

namespace Mshv.Cli.Scanning;

/// <summary>
/// How scan diagnostics are printed. <c>text</c> is the compiler style (<c>file:line: error MSHVS002: …</c>);
/// <c>msbuild</c> is MSBuild's canonical form (<c>file(line): error MSHVS002: …</c>), which the Exec task in
/// the build targets turns into located build errors. In that form problems with what the project asked for
/// (a header that does not exist, a malformed define) are reported at the project file with build-time ids.
/// </summary>
internal sealed class DiagnosticFormat
{
    public const string MissingHeader = "MSHV1001";
    public const string MalformedOption = "MSHV1003";
    public const string CannotWrite = "MSHV1009";

    private DiagnosticFormat(bool msbuild, string? project)
    {
        IsMsBuild = msbuild;
        Project = project;
    }

    public bool IsMsBuild { get; }

    /// <summary>The project whose items are being scanned (msbuild form only).</summary>
    public string? Project { get; }

    public static DiagnosticFormat Parse(string? name, string? project) => name switch
    {
        null or "text" => new DiagnosticFormat(false, null),
        "msbuild" => new DiagnosticFormat(true, project),
        _ => throw new UsageException("--diagnostics is 'text' or 'msbuild', not '" + name + "'"),
    };

    public void Write(ScanDiagnostic diagnostic, TextWriter error)
    {
        if (!IsMsBuild)
        {
            error.WriteLine(diagnostic.ToString());
            return;
        }

        string severity = diagnostic.Severity == ScanSeverity.Error ? "error" : "warning";
        if (diagnostic.Id == ScanDiagnosticIds.HeaderNotFound && Project is not null)
        {
            error.WriteLine(Project + ": " + severity + " " + MissingHeader + ": UapiHeader '" + diagnostic.File + "': " + diagnostic.Message
                + ". " + DiagnosticCatalog.Hint(MissingHeader));
            return;
        }

        if (diagnostic.Id == ScanDiagnosticIds.InvalidOption && Project is not null)
        {
            error.WriteLine(Project + ": " + severity + " " + MalformedOption + ": " + diagnostic.Message + " " + DiagnosticCatalog.Hint(MalformedOption));
            return;
        }

        string where = diagnostic.File is null ? Project ?? "mshv"
            : diagnostic.Line > 0 ? diagnostic.File + "(" + diagnostic.Line.ToString(CultureInfo.InvariantCulture) + ")"
            : diagnostic.File;
        error.WriteLine(where + ": " + severity + " " + diagnostic.Id + ": " + diagnostic.Message);
    }
}
