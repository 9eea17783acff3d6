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
        foreach (AbiField field in record.Fields)
        {
            if (!field.IsAnonymousMember)
            {
                members.Add(new FlatMember(field, baseBit + field.BitOffset));
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
}
