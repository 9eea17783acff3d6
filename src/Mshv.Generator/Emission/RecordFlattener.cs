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
        Add(record, 0, context, members, 0);
        return members;
    }

    private static void Add(AbiRecord record, long baseBit, EmissionContext context, List<FlatMember> members, int depth)
    {
        IReadOnlyList<AbiField> fields = record.Fields;
        for (int i = 0; i < fields.Count; i++)
        {
            AbiField field = fields[i];
            if (!field.IsAnonymousMember)
            {
                if (OccupiesNoBytes(field, context))
                {
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

            Add(inner, baseBit + field.BitOffset, context, members, depth + 1);
        }
    }

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

    /// <summary>
    /// A member of a size-0 record type (GNU C; the kernel's <c>__DECLARE_FLEX_ARRAY</c> puts
    /// <c>struct { } __empty_x;</c> in its wrappers) has no bytes to read or write, so it is left out, silently.
    /// Flexible arrays of sized elements are not such members: they get their accessors.
    /// </summary>
    private static bool OccupiesNoBytes(AbiField field, EmissionContext context) =>
        !field.IsBitfield && field.Type.IsRecord && context.TryGetRecord(field.Type.RecordName ?? string.Empty, out AbiRecord type) && type.Size == 0;

    private static bool InRun(AbiField field) => field.IsBitfield && field.BitWidth > 0 && !field.IsAnonymousMember;
}
