using System;
using System.Collections.Generic;
using Mshv.Abi;

namespace Mshv.Generator.Emission;

/// <summary>
/// Folds C11 anonymous members into their parent, recursively, so <c>features.tsx_ctrl_support</c> reads as
/// in C. Offsets are the model's, added up; nothing is recomputed.
/// </summary>
internal static class RecordFlattener
{
    public static List<FlatMember> Flatten(AbiRecord record, EmissionContext context)
    {
        var members = new List<FlatMember>();
        Add(record, 0, context, members, 0, null);
        return members;
    }

    /// <param name="path">Inside a zero-size member: its C path and a dot (<c>data.</c>); null in the record itself.</param>
    private static void Add(AbiRecord record, long baseBit, EmissionContext context, List<FlatMember> members, int depth, string? path)
    {
        IReadOnlyList<AbiField> fields = record.Fields;
        for (int i = 0; i < fields.Count; i++)
        {
            AbiField field = fields[i];
            if (!field.IsAnonymousMember)
            {
                if (OccupiesNoBytes(field, context, out AbiRecord zeroSize))
                {
                    AddZeroSize(fields, i, zeroSize, baseBit, context, members, depth, path);
                    continue;
                }

                if (path is not null)
                {
                    // Inside a size-0 record only flexible arrays reach any bytes (a zero-width bitfield has none).
                    if (field.Type.IsArray && field.Type.Dimensions[0] == 0)
                    {
                        members.Add(new FlatMember(field, baseBit + field.BitOffset, default) { Path = path + field.Name });
                    }

                    continue;
                }

                ByteRange run = field.IsBitfield ? BitfieldRun(fields, i, baseBit) : default;
                members.Add(new FlatMember(field, baseBit + field.BitOffset, run));
                continue;
            }

            string name = field.Type.RecordName ?? string.Empty;
            // The depth guard turns a (malformed) self-referencing model into a diagnostic instead of a stack overflow.
            if (!field.Type.IsRecord || !context.TryGetRecord(name, out AbiRecord inner) || depth > 64)
            {
                context.Report(
                    Diagnostics.MshvDiagnostics.MissingRecord,
                    "An anonymous member of " + record.CKeyword + " " + record.Name + " uses record '" + name + "', which is not in the model",
                    field.Location);
                continue;
            }

            Add(inner, baseBit + field.BitOffset, context, members, depth + 1, path);
        }
    }

    /// <summary>
    /// A member of a size-0 record type. GNU C gives it no bytes, and a C# struct cannot (it is at least 1 byte), so it
    /// is no field; but what it holds may be data that follows the record in the caller's buffer: <c>kvm_nested_state</c>
    /// ends in <c>union { __DECLARE_FLEX_ARRAY(struct kvm_vmx_nested_state_data, vmx); … } data;</c>, and a VMM reads
    /// <c>data.vmx[0]</c>. So the member gets its offset, and each flexible array inside it (through anonymous and
    /// further zero-size members) gets the accessors of a flexible array under its path (<c>data_vmx</c>). Only the
    /// kernel's <c>struct { } __empty_x;</c> helper, which holds nothing and marks nothing, is left out silently.
    /// </summary>
    private static void AddZeroSize(
        IReadOnlyList<AbiField> fields, int index, AbiRecord type, long baseBit, EmissionContext context, List<FlatMember> members, int depth, string? path)
    {
        AbiField field = fields[index];
        if (IsFlexibleArrayHelper(fields, index, type))
        {
            return;
        }

        string memberPath = (path ?? string.Empty) + field.Name;
        members.Add(new FlatMember(field, baseBit + field.BitOffset, default) { Path = path is null ? null : memberPath, IsZeroSize = true });
        if (!field.Type.IsArray && depth <= 64)
        {
            Add(type, baseBit + field.BitOffset, context, members, depth + 1, memberPath + ".");
        }
    }

    /// <summary>
    /// The kernel's <c>__DECLARE_FLEX_ARRAY(TYPE, NAME)</c> is <c>struct { struct { } __empty_NAME; TYPE NAME[]; }</c>:
    /// an unnamed empty struct right before a flexible array. It exists only because C wants a named member before a
    /// flexible array; the array's own offset says where it is.
    /// </summary>
    private static bool IsFlexibleArrayHelper(IReadOnlyList<AbiField> fields, int index, AbiRecord type) =>
        type.Name.IndexOf('.') >= 0 && type.Fields.Count == 0 && !fields[index].Type.IsArray && index + 1 < fields.Count
        && fields[index + 1] is { IsAnonymousMember: false, Type.IsArray: true } next && next.Type.Dimensions[0] == 0;

    /// <summary>
    /// The bytes of the adjacent non-zero-width bitfield declarations around <paramref name="index"/> (C11's
    /// memory location): a non-bitfield member, an anonymous member or a zero-width bitfield ends the run.
    /// </summary>
    private static ByteRange BitfieldRun(IReadOnlyList<AbiField> fields, int index, long baseBit)
    {
        int first = index;
        while (first > 0 && InRun(fields[first - 1]))
        {
            first--;
        }

        int last = index;
        while (last + 1 < fields.Count && InRun(fields[last + 1]))
        {
            last++;
        }

        long startBit = long.MaxValue;
        long endBit = long.MinValue;
        for (int i = first; i <= last; i++)
        {
            startBit = Math.Min(startBit, fields[i].BitOffset);
            endBit = Math.Max(endBit, fields[i].BitOffset + fields[i].BitWidth);
        }

        // A lone zero-width field: an empty run; it has no accessor anyway.
        if (startBit > endBit)
        {
            startBit = endBit = fields[index].BitOffset;
        }

        return new ByteRange((baseBit + startBit) / 8, (baseBit + endBit + 7) / 8);
    }

    /// <summary>A member of a size-0 record type (GNU C), or an array of them: it has no bytes to read or write.</summary>
    private static bool OccupiesNoBytes(AbiField field, EmissionContext context, out AbiRecord type)
    {
        type = null!;
        return !field.IsBitfield && field.Type.IsRecord && context.TryGetRecord(field.Type.RecordName ?? string.Empty, out type) && type.Size == 0;
    }

    private static bool InRun(AbiField field) => field.IsBitfield && field.BitWidth > 0 && !field.IsAnonymousMember;
}
