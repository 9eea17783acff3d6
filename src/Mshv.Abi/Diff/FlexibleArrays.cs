using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>
/// Old uapi headers spell a flexible array member as <c>T x[0]</c> or <c>T x[1]</c> ("fake" flexible arrays);
/// the kernel has been turning them into C99 <c>T x[]</c>. The entries stay where they were, and the kernel
/// reads the same bytes, so this is compatible; only <c>sizeof</c> of a <c>[1]</c> struct shrinks by the
/// element it used to count (and an <c>_IOW</c> request that encodes it is reported on its own).
/// </summary>
internal static class FlexibleArrays
{
    public static bool MadeReal(AbiField o, AbiField n) =>
        o.Type.Dimensions.Count > 0
        && o.Type.Dimensions.Count == n.Type.Dimensions.Count
        && o.Type.Dimensions[0] is 0 or 1
        && n.Type.Dimensions[0] == 0
        && o.Type.Dimensions.Skip(1).SequenceEqual(n.Type.Dimensions.Skip(1))
        && o.BitOffset == n.BitOffset
        && !o.CType.Contains("[]")
        && n.CType.Contains("[]");

    /// <summary>The member that turned from <c>[0]</c>/<c>[1]</c> into <c>[]</c> in this record, if one did.</summary>
    public static FlatField? MadeRealIn(RecordView oldView, RecordView newView) =>
        oldView.Fields.FirstOrDefault(f => newView.Find(f.Path) is { } n && MadeReal(f.Field, n.Field));
}
