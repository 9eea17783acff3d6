using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Tests.Conformance;

/// <summary>
/// A member as C code names it from its record: anonymous members are looked through (C11), so the
/// path of a bitfield inside an anonymous struct is just its own name, exactly as C and the
/// generated C# both spell it.
/// </summary>
internal sealed record ProbedMember(string Path, AbiField Field)
{
    public static IEnumerable<ProbedMember> Of(AbiRecord record, IReadOnlyDictionary<string, AbiRecord> records)
    {
        foreach (AbiField field in record.Fields)
        {
            if (IsEmptyRecord(field.Type, records))
            {
                // GNU empty structs (the kernel's __DECLARE_FLEX_ARRAY) hold no bits; the generator reports and omits them.
                continue;
            }

            if (field.IsAnonymousMember && field.Type.IsRecord && !field.Type.IsArray)
            {
                foreach (ProbedMember inner in Of(records[field.Type.RecordName!], records))
                {
                    yield return inner;
                }
            }
            else if (!field.IsAnonymousMember)
            {
                yield return new ProbedMember(field.Name, field);
            }
        }
    }

    public static bool IsEmptyRecord(AbiType type, IReadOnlyDictionary<string, AbiRecord> records) =>
        type.IsRecord && records.TryGetValue(type.RecordName!, out AbiRecord? target) && target.Size == 0;

    /// <summary>A zero-length trailing array has no storage of its own: only its offset is compared.</summary>
    public bool IsFlexibleArray => Field.Type.Dimensions.Any(d => d == 0);

    public bool IsScalarInteger =>
        !Field.Type.IsArray && !Field.Type.IsRecord && AbiPrimitive.IsInteger(Field.Type.Primitive);
}
