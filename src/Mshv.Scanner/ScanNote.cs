namespace Mshv.Scanner;

/// <summary>A function-like macro of a scanned header that is not bound, and why (printed by <c>mshv scan -v</c>).</summary>
public sealed record ScanNote(string? File, int Line, string Name, string Reason)
{
    public override string ToString() =>
        (File is null ? "mshv" : File + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture)) + ": note: " + Name + " is not bound: " + Reason;
}
