using System.Text;

namespace Mshv.Abi.Diff;

internal enum ShapeDifference
{
    /// <summary>Same primitive, same record (by C path), same enum, same dimensions.</summary>
    None,

    /// <summary>Same layout under another name: another enum over the same integer, or a renamed record laid out identically.</summary>
    NameOnly,

    /// <summary>Same-size integers of opposite signedness: same bytes, different values when read.</summary>
    Signedness,

    /// <summary>Different element layout.</summary>
    Layout,
}

/// <summary>Compares the element types of members (dimensions are compared by the caller, as a resize).</summary>
internal static class TypeShape
{
    private const int MaxDepth = 32;

    public static ShapeDifference CompareElements(AbiType oldType, ModelView oldModel, AbiType newType, ModelView newModel) =>
        CompareElements(oldType, oldModel, newType, newModel, 0);

    public static bool SameDimensions(AbiType oldType, AbiType newType) => oldType.Dimensions == newType.Dimensions;

    /// <summary>The model's spelling of a type with records named by their C path: <c>u32</c>, <c>struct kvm_run.io[2]</c>.</summary>
    public static string Describe(AbiType type, ModelView model)
    {
        var text = new StringBuilder();
        if (type.IsRecord && type.RecordName is { } name)
        {
            AbiRecord? record = model.FindRecord(name);
            text.Append(record?.CKeyword ?? "record").Append(' ').Append(model.IdentityOf(name));
        }
        else
        {
            text.Append(type.Primitive);
        }

        foreach (long dimension in type.Dimensions)
        {
            text.Append('[').Append(dimension.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');
        }

        if (type.EnumName is not null)
        {
            text.Append(" (enum ").Append(type.EnumName).Append(')');
        }

        return text.ToString();
    }

    private static ShapeDifference CompareElements(AbiType oldType, ModelView oldModel, AbiType newType, ModelView newModel, int depth)
    {
        if (oldType.IsRecord != newType.IsRecord)
        {
            return ShapeDifference.Layout;
        }

        if (oldType.IsRecord)
        {
            string oldIdentity = oldModel.IdentityOf(oldType.RecordName ?? string.Empty);
            string newIdentity = newModel.IdentityOf(newType.RecordName ?? string.Empty);
            if (oldIdentity == newIdentity)
            {
                // The record's own changes are reported once, on the record.
                return ShapeDifference.None;
            }

            return SameLayout(oldModel.ViewOf(oldType.RecordName ?? string.Empty), oldModel, newModel.ViewOf(newType.RecordName ?? string.Empty), newModel, depth)
                ? ShapeDifference.NameOnly
                : ShapeDifference.Layout;
        }

        if (oldType.Primitive != newType.Primitive)
        {
            bool sameSizeIntegers = AbiPrimitive.IsInteger(oldType.Primitive) && AbiPrimitive.IsInteger(newType.Primitive)
                && AbiPrimitive.SizeOf(oldType.Primitive) == AbiPrimitive.SizeOf(newType.Primitive)
                && oldType.Primitive != AbiPrimitive.Bool && newType.Primitive != AbiPrimitive.Bool;
            return sameSizeIntegers ? ShapeDifference.Signedness : ShapeDifference.Layout;
        }

        return oldType.EnumName == newType.EnumName ? ShapeDifference.None : ShapeDifference.NameOnly;
    }

    private static bool SameLayout(RecordView? oldView, ModelView oldModel, RecordView? newView, ModelView newModel, int depth)
    {
        if (oldView is null || newView is null || depth >= MaxDepth)
        {
            return false;
        }

        AbiRecord o = oldView.Record;
        AbiRecord n = newView.Record;
        if (o.Kind != n.Kind || o.Size != n.Size || o.Alignment != n.Alignment || o.IsPacked != n.IsPacked
            || oldView.Fields.Count != newView.Fields.Count)
        {
            return false;
        }

        for (int i = 0; i < oldView.Fields.Count; i++)
        {
            FlatField of = oldView.Fields[i];
            FlatField nf = newView.Fields[i];
            if (of.Path != nf.Path || of.Range != nf.Range || of.Field.BitWidth != nf.Field.BitWidth
                || !SameDimensions(of.Type, nf.Type))
            {
                return false;
            }

            ShapeDifference inner = CompareElements(of.Type, oldModel, nf.Type, newModel, depth + 1);
            if (inner is ShapeDifference.Layout or ShapeDifference.Signedness)
            {
                return false;
            }
        }

        return true;
    }
}
