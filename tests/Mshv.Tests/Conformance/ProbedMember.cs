using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Tests.Conformance;

/// <summary>
/// A member as C code names it from its record: anonymous members are looked through (C11), so the
/// path of a bitfield inside an anonymous struct is just its own name, exactly as C and the
/// generated C# both spell it. Inside a member whose type has size 0 in GNU C (the <c>data</c> union of flexible
/// arrays of <c>kvm_nested_state</c>), the path goes through it (<c>data.vmx</c>): such members are measured by offset,
/// and their flexible arrays by offset and element size.
/// </summary>
internal sealed record ProbedMember(string Path, AbiField Field)
{
    /// <summary>A member of a size-0 type: no storage, only its offset is compared.</summary>
    public bool IsZeroSize { get; init; }

    /// <summary>The C# name of the accessors the generator gives a member reached through zero-size members:
    /// the path's parts joined by <c>_</c> (<c>data_vmx</c>).</summary>
    public string AccessorName => Path.Replace('.', '_');

    public static IEnumerable<ProbedMember> Of(AbiRecord record, IReadOnlyDictionary<string, AbiRecord> records) => Of(record, records, null, 0);

    private static IEnumerable<ProbedMember> Of(AbiRecord record, IReadOnlyDictionary<string, AbiRecord> records, string? prefix, int depth)
    {
        for (int i = 0; i < record.Fields.Count; i++)
        {
            AbiField field = record.Fields[i];
            if (field.IsAnonymousMember)
            {
                if (field.Type.IsRecord && !field.Type.IsArray && depth <= 64)
                {
                    foreach (ProbedMember inner in Of(records[field.Type.RecordName!], records, prefix, depth + 1))
                    {
                        yield return inner;
                    }
                }

                continue;
            }

            string path = prefix + field.Name;
            if (IsEmptyRecord(field.Type, records) && !field.IsBitfield)
            {
                // The kernel's __DECLARE_FLEX_ARRAY helper (struct { } __empty_x; before the array) marks nothing.
                if (IsFlexibleArrayHelper(record, i, records))
                {
                    continue;
                }

                yield return new ProbedMember(path, field) { IsZeroSize = true };
                if (!field.Type.IsArray && depth <= 64)
                {
                    foreach (ProbedMember inner in Of(records[field.Type.RecordName!], records, path + ".", depth + 1))
                    {
                        yield return inner;
                    }
                }
            }
            else if (prefix is null || (field.Type.IsArray && field.Type.Dimensions[0] == 0))
            {
                yield return new ProbedMember(path, field);
            }
        }
    }

    public static bool IsEmptyRecord(AbiType type, IReadOnlyDictionary<string, AbiRecord> records) =>
        type.IsRecord && records.TryGetValue(type.RecordName!, out AbiRecord? target) && target.Size == 0;

    private static bool IsFlexibleArrayHelper(AbiRecord record, int index, IReadOnlyDictionary<string, AbiRecord> records) =>
        !record.Fields[index].Type.IsArray && records[record.Fields[index].Type.RecordName!] is { Fields.Count: 0 } type && type.Name.Contains('.')
        && index + 1 < record.Fields.Count && record.Fields[index + 1] is { IsAnonymousMember: false } next
        && next.Type.IsArray && next.Type.Dimensions[0] == 0;

    /// <summary>A zero-length trailing array has no storage of its own: only its offset is compared.</summary>
    public bool IsFlexibleArray => !IsZeroSize && Field.Type.Dimensions.Any(d => d == 0);

    public bool IsScalarInteger =>
        !Field.Type.IsArray && !Field.Type.IsRecord && AbiPrimitive.IsInteger(Field.Type.Primitive);
}
