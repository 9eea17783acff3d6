using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>
/// A record as its users see it: identified by the C path that reaches it (<c>kvm_run</c>,
/// <c>kvm_run.io</c>), with anonymous members flattened into <see cref="Fields"/>.
/// </summary>
internal sealed class RecordView
{
    private readonly Dictionary<string, FlatField> _byPath = new();

    public RecordView(string identity, AbiRecord record, bool isRoot, IReadOnlyList<FlatField> fields)
    {
        Identity = identity;
        Record = record;
        IsRoot = isRoot;
        Fields = fields;
        foreach (FlatField field in fields)
        {
            // C forbids two members with one name; if a malformed model has them, the first wins.
            if (!_byPath.ContainsKey(field.Path))
            {
                _byPath.Add(field.Path, field);
            }
        }

        var occupied = new BitRangeSet(fields.Select(f => f.Range));
        Padding = occupied.ComplementWithin(new BitRange(0, record.Size * 8));
        Reserved = new BitRangeSet(fields.Where(f => f.IsReserved).Select(f => f.Range));
    }

    public string Identity { get; }

    public AbiRecord Record { get; }

    /// <summary>A record with its own C tag (or typedef name), as opposed to an unnamed record reached through a member.</summary>
    public bool IsRoot { get; }

    public IReadOnlyList<FlatField> Fields { get; }

    /// <summary>Bits inside the record that no named member occupies (alignment gaps, tail padding, unnamed bitfields).</summary>
    public BitRangeSet Padding { get; }

    /// <summary>Bits occupied by members with reserved names.</summary>
    public BitRangeSet Reserved { get; }

    public long SizeBits => Record.Size * 8;

    public string Subject => Record.CKeyword + " " + Identity;

    public FlatField? Find(string path) => _byPath.TryGetValue(path, out FlatField? field) ? field : null;
}
