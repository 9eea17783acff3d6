using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Scanner;

/// <summary>
/// What one member the model cannot represent costs: never the header. A member with a known size at a byte
/// offset is kept as that many opaque bytes (the record's size, alignment and every other offset come from clang,
/// so the layout stays exact). A bitfield, or a trailing array without a size, cannot be replaced that way: its
/// record is left out, and a record that holds a left-out record by value gets the same choice, transitively.
/// </summary>
internal sealed class RecordIsolation
{
    private readonly Dictionary<string, long> _dropped = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, string> _realFiles = new(System.StringComparer.Ordinal);

    /// <summary>Names of the records left out.</summary>
    public IReadOnlyCollection<string> Dropped => _dropped.Keys;

    /// <summary>An opaque byte member in place of one the model cannot represent, or null when that would not be exact.</summary>
    public static AbiField? Placeholder(string name, long bitOffset, bool isBitfield, long bytes, string cType, SourceLocation location)
    {
        if (isBitfield || bytes <= 0 || bitOffset < 0 || bitOffset % 8 != 0 || name.Length == 0)
        {
            return null;
        }

        var type = AbiType.Scalar(AbiPrimitive.U8) with { Dimensions = new[] { bytes }.ToEquatableArray() };
        return new AbiField(name, bitOffset, -1, type, cType, location) { IsOpaque = true };
    }

    public static string KeptAsBytes(long bytes) =>
        "; it is kept as " + bytes.ToString(CultureInfo.InvariantCulture) + " opaque bytes (u8[], layout exact), and the rest of its record is bound";

    public static string RecordLeftOut(string record) =>
        "; it cannot be kept as opaque bytes (a bitfield, or an array without a size), so '" + record + "' is left out and the rest of the header is bound";

    /// <summary>Remembers where a header the diagnostics name really is (model locations are include-relative).</summary>
    public void KnowFile(string relative, string? real)
    {
        if (real is not null)
        {
            _realFiles.TryAdd(relative, real);
        }
    }

    public void Drop(string record, long size) => _dropped[record] = size;

    /// <summary>Replaces or drops, until nothing changes, every member typed by a record that was left out.</summary>
    public void Apply(Dictionary<string, AbiRecord> records, List<ScanDiagnostic> diagnostics)
    {
        bool changed = _dropped.Count > 0;
        while (changed)
        {
            changed = false;
            foreach (AbiRecord record in records.Values.OrderBy(r => r.Name, System.StringComparer.Ordinal).ToList())
            {
                if (Rewrite(record, diagnostics) is not AbiRecord rewritten)
                {
                    records.Remove(record.Name);
                    _dropped[record.Name] = record.Size;
                    changed = true;
                }
                else if (!ReferenceEquals(rewritten, record))
                {
                    records[record.Name] = rewritten;
                    changed = true;
                }
            }
        }
    }

    private AbiRecord? Rewrite(AbiRecord record, List<ScanDiagnostic> diagnostics)
    {
        var fields = record.Fields.ToList();
        bool replaced = false;
        for (int i = 0; i < fields.Count; i++)
        {
            AbiField field = fields[i];
            if (!field.Type.IsRecord || !_dropped.TryGetValue(field.Type.RecordName ?? string.Empty, out long elementSize))
            {
                continue;
            }

            long bytes = field.Type.Dimensions.Aggregate(elementSize, (total, dimension) => total * dimension);
            string problem = (field.IsAnonymousMember ? "an anonymous member" : "field '" + field.Name + "'") + " of '" + record.Name
                + "' has type '" + field.CType + "', which was left out (see its warning)";
            if (Placeholder(field.Name, field.BitOffset, field.IsBitfield, bytes, field.CType, field.Location) is AbiField placeholder)
            {
                diagnostics.Add(At(field.Location, problem + KeptAsBytes(bytes)));
                fields[i] = placeholder;
                replaced = true;
                continue;
            }

            diagnostics.Add(At(field.Location, problem + RecordLeftOut(record.Name)));
            return null;
        }

        return replaced ? record with { Fields = fields.ToEquatableArray() } : record;
    }

    private ScanDiagnostic At(SourceLocation location, string message) =>
        new(ScanDiagnosticIds.UnrepresentableType, ScanSeverity.Warning, _realFiles.TryGetValue(location.File, out string? real) ? real : location.File, location.Line, message);
}
