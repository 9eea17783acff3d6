using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>
/// One model prepared for comparison: every non-anonymous record as a <see cref="RecordView"/>
/// keyed by its C path, so that the scanner's names for unnamed records (<c>parent.anonN</c>,
/// <c>parent.member</c>) never decide what matches what.
/// </summary>
internal sealed class ModelView
{
    private const int MaxNesting = 64;

    private readonly Dictionary<string, AbiRecord> _recordsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _identityByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RecordView> _views = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Parent, FlatField Member)> _reachedBy = new(StringComparer.Ordinal);

    public ModelView(AbiModel model)
    {
        Model = model;
        foreach (AbiRecord record in model.Records)
        {
            if (!_recordsByName.ContainsKey(record.Name))
            {
                _recordsByName.Add(record.Name, record);
            }
        }

        var pending = new Queue<(string Identity, AbiRecord Record, bool IsRoot)>();
        foreach (AbiRecord record in model.Records.Where(IsRoot))
        {
            Assign(record, record.Name, isRoot: true, pending);
        }

        Drain(pending);

        // Unnamed records that nothing reaches would otherwise be silently skipped; compare them by model name.
        foreach (AbiRecord record in model.Records.Where(r => !r.IsAnonymous && !_identityByName.ContainsKey(r.Name)))
        {
            Assign(record, record.Name, isRoot: false, pending);
            Drain(pending);
        }
    }

    public AbiModel Model { get; }

    public IReadOnlyDictionary<string, RecordView> Views => _views;

    public AbiRecord? FindRecord(string modelName) =>
        _recordsByName.TryGetValue(modelName, out AbiRecord? record) ? record : null;

    /// <summary>The comparison identity of a record named in a type: its C path.</summary>
    public string IdentityOf(string modelName) =>
        _identityByName.TryGetValue(modelName, out string? identity) ? identity : modelName;

    /// <summary>For an unnamed record, the record and member through which C code reaches it.</summary>
    public (string Parent, FlatField Member)? ReachedBy(string identity) =>
        _reachedBy.TryGetValue(identity, out var via) ? via : null;

    public RecordView? ViewOf(string modelName) =>
        _views.TryGetValue(IdentityOf(modelName), out RecordView? view) ? view : null;

    /// <summary>How many bits a member of this type occupies, or 0 for a flexible array or an unknown record.</summary>
    public long BitSizeOf(AbiField field)
    {
        if (field.IsBitfield)
        {
            return field.BitWidth;
        }

        long element = field.Type.IsRecord
            ? (field.Type.RecordName is { } name && FindRecord(name) is { } record ? record.Size * 8 : 0)
            : AbiPrimitive.SizeOf(field.Type.Primitive) * 8L;
        foreach (long dimension in field.Type.Dimensions)
        {
            element *= dimension;
        }

        return element;
    }

    // A C tag never contains '.', so a dotted name is an unnamed record the scanner named after its parent; except NAME.typedef,
    // a tagless record named by its typedef when a tag has that name too ('typedef' is no member name): a root like a tag.
    private static bool IsRoot(AbiRecord record) =>
        !record.IsAnonymous && (record.Name.IndexOf('.') < 0 || record.Name.EndsWith(".typedef", System.StringComparison.Ordinal));

    private void Assign(AbiRecord record, string identity, bool isRoot, Queue<(string, AbiRecord, bool)> pending)
    {
        _identityByName[record.Name] = identity;
        pending.Enqueue((identity, record, isRoot));
    }

    private void Drain(Queue<(string Identity, AbiRecord Record, bool IsRoot)> pending)
    {
        while (pending.Count > 0)
        {
            (string identity, AbiRecord record, bool isRoot) = pending.Dequeue();
            var fields = new List<FlatField>();
            Flatten(record, 0, 0, fields);
            _views[identity] = new RecordView(identity, record, isRoot, fields);
            foreach (FlatField field in fields)
            {
                if (field.Type.RecordName is { } nestedName
                    && FindRecord(nestedName) is { } nested
                    && !nested.IsAnonymous
                    && !IsRoot(nested)
                    && !_identityByName.ContainsKey(nestedName))
                {
                    string path = identity + "." + field.Path;
                    _reachedBy[path] = (identity, field);
                    Assign(nested, path, isRoot: false, pending);
                }
            }
        }
    }

    private void Flatten(AbiRecord record, long baseBit, int depth, List<FlatField> into)
    {
        foreach (AbiField field in record.Fields)
        {
            if (!field.IsAnonymousMember)
            {
                long start = baseBit + field.BitOffset;
                into.Add(new FlatField(field.Name, new BitRange(start, start + BitSizeOf(field)), field));
            }
            else if (field.Type.IsRecord && !field.Type.IsArray && depth < MaxNesting
                && field.Type.RecordName is { } name && FindRecord(name) is { } member)
            {
                Flatten(member, baseBit + field.BitOffset, depth + 1, into);
            }

            // Any other unnamed member is an unnamed bitfield: padding by definition.
        }
    }
}
