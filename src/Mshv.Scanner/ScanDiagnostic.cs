using System.Globalization;

namespace Mshv.Scanner;

public enum ScanSeverity
{
    Warning,
    Error,
}

/// <summary>A problem found while scanning, located at a header line when there is one.</summary>
public sealed record ScanDiagnostic(string Id, ScanSeverity Severity, string? File, int Line, string Message)
{
    public override string ToString()
    {
        string severity = Severity == ScanSeverity.Error ? "error" : "warning";
        string where = File is null ? "mshv" : Line > 0 ? File + ":" + Line.ToString(CultureInfo.InvariantCulture) : File;
        return where + ": " + severity + " " + Id + ": " + Message;
    }
}
