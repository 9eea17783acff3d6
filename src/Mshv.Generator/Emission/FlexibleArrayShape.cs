using System;
using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Selection;

namespace Mshv.Generator.Emission;

/// <summary>
/// How a record ends in a flexible array (<c>entries[]</c> or <c>entries[0]</c>), and which of its fields counts the
/// elements. A request whose argument ends in a flexible array must never take a bare <c>ref T</c>: the kernel
/// reads and writes as many elements as the count says. The count field is the one integer field before the array
/// whose name says "count" (<c>n</c>, <c>nr</c>, <c>nent</c>, <c>len</c>, <c>nr_*</c>, <c>n…s</c> such as
/// <c>nmsrs</c>), or the field a <c>count RECORD FIELD</c> line of a selection file names.
/// </summary>
/// <param name="Array">The flexible array member, or null when the array sits inside a nested member record.</param>
/// <param name="ArrayBitOffset">The array's bit offset from the start of the record (through anonymous structs).</param>
/// <param name="Count">The count field, or null when it is unknown (then <see cref="Problem"/> says why).</param>
internal sealed record FlexibleArrayShape(AbiField? Array, long ArrayBitOffset, AbiField? Count, string? Problem)
{
    private static readonly string[] CountNames = { "n", "nr", "nent", "nents", "num", "count", "cnt", "len", "length", "nelems" };
    private static readonly string[] CountPrefixes = { "nr_", "num_", "n_", "count_" };

    /// <summary>A <c>count RECORD -</c> line: the record's array has no count field, and its requests get no descriptor, silently.</summary>
    public const string NoCount = "-";

    /// <summary>Declared countless (<c>count RECORD -</c>): no descriptor, and nothing to report.</summary>
    public bool IsDeclaredCountless => Count is null && Problem is null;

    /// <summary>The shape of a record that ends in a flexible array, or null when it does not.</summary>
    public static FlexibleArrayShape? Of(AbiRecord record, EmissionContext context)
    {
        FlexibleArrayShape? shape = Of(record, context, 0);
        return shape is not null && Directive(record, context)?.Arguments is { Count: 2 } arguments && arguments[1] == NoCount
            ? shape with { Count = null, Problem = null }
            : shape;
    }

    private static SelectionDirective? Directive(AbiRecord record, EmissionContext context) =>
        context.Options.Directives.LastOrDefault(d => d.Keyword == SelectionDirective.Count && DirectiveCheck.IsWellFormed(d) && d.Arguments[0] == record.Name);

    private static FlexibleArrayShape? Of(AbiRecord record, EmissionContext context, int depth)
    {
        if (record.Fields.Count == 0 || depth > 64)
        {
            return null;
        }

        AbiField last = record.Fields[record.Fields.Count - 1];
        if (last.Type.IsArray && last.Type.Dimensions[0] == 0)
        {
            return record.Kind == RecordKind.Struct && !last.IsAnonymousMember
                ? WithCount(record, last, last.BitOffset, context)
                : new FlexibleArrayShape(last, last.BitOffset, null, "the flexible array is a member of a union");
        }

        // The kernel's __DECLARE_FLEX_ARRAY(T, name): an anonymous struct of an empty struct and T name[]. C reaches
        // the array as a member of this record, and so does the generated C# (anonymous members are folded in).
        if (last.IsAnonymousMember && record.Kind == RecordKind.Struct
            && context.TryGetRecord(last.Type.RecordName ?? string.Empty, out AbiRecord wrapper) && wrapper.Kind == RecordKind.Struct
            && wrapper.Fields.Count > 0 && wrapper.Fields[wrapper.Fields.Count - 1] is { IsAnonymousMember: false } flexible
            && flexible.Type.IsArray && flexible.Type.Dimensions[0] == 0)
        {
            return WithCount(record, flexible, last.BitOffset + flexible.BitOffset, context);
        }

        // The kernel's __DECLARE_FLEX_ARRAY and unions of arrays put the flexible array one record deeper.
        if (!last.Type.IsArray && last.Type.IsRecord && context.TryGetRecord(last.Type.RecordName ?? string.Empty, out AbiRecord inner)
            && Of(inner, context, depth + 1) is not null)
        {
            return new FlexibleArrayShape(null, 0, null, "its flexible array is inside the member '" + (last.IsAnonymousMember ? "(anonymous)" : last.Name) + "'");
        }

        return null;
    }

    private static FlexibleArrayShape WithCount(AbiRecord record, AbiField array, long arrayBit, EmissionContext context)
    {
        List<AbiField> integers = record.Fields
            .Where(f => f != array && !f.IsAnonymousMember && !f.IsBitfield && !f.Type.IsArray && f.Type.EnumName is null && IsInteger(f.Type.Primitive) && f.BitOffset < arrayBit)
            .ToList();
        SelectionDirective? named = Directive(record, context);
        if (named is not null && !(named.Arguments.Count == 2 && named.Arguments[1] == NoCount))
        {
            string wanted = named.Arguments.Count > 1 ? named.Arguments[1] : string.Empty;
            AbiField? chosen = integers.FirstOrDefault(f => f.Name == wanted);
            return chosen is not null
                ? new FlexibleArrayShape(array, arrayBit, chosen, null)
                : new FlexibleArrayShape(array, arrayBit, null, "the selection file at " + named.Location + " names '" + wanted + "', which is not an integer field before " + array.Name
                    + " (candidates: " + Candidates(integers) + ")");
        }

        List<AbiField> countLike = integers.Where(f => LooksLikeCount(f.Name)).ToList();
        return countLike.Count == 1
            ? new FlexibleArrayShape(array, arrayBit, countLike[0], null)
            : new FlexibleArrayShape(array, arrayBit, null, (countLike.Count == 0 ? "no integer field before it is named like a count" : "several fields could be its count (" + Candidates(countLike) + ")")
                + "; name it with a line 'count " + record.Name + " FIELD' in the selection file (candidates: " + Candidates(integers) + ")");
    }

    private static string Candidates(List<AbiField> fields) => fields.Count == 0 ? "none" : string.Join(", ", fields.Select(f => f.Name));

    private static bool LooksLikeCount(string name) =>
        CountNames.Contains(name, StringComparer.Ordinal)
        || CountPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))
        || (name.Length > 2 && name[0] == 'n' && name[name.Length - 1] == 's' && name.All(c => c == '_' || char.IsLower(c) || char.IsDigit(c)));

    private static bool IsInteger(string primitive) => primitive is AbiPrimitive.I8 or AbiPrimitive.U8 or AbiPrimitive.I16 or AbiPrimitive.U16
        or AbiPrimitive.I32 or AbiPrimitive.U32 or AbiPrimitive.I64 or AbiPrimitive.U64;
}
