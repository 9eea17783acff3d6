using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>
/// A typedef is a name, not a layout: members typed through it report their own changes. Its
/// removal is therefore compatible for the ABI; only a change of the shape it names breaks.
/// </summary>
internal static class TypedefComparer
{
    public static void Compare(ModelView oldModel, ModelView newModel, ChangeLog log)
    {
        Dictionary<string, AbiTypedef> olds = ByName(oldModel.Model);
        Dictionary<string, AbiTypedef> news = ByName(newModel.Model);
        foreach (string name in olds.Keys.Union(news.Keys).OrderBy(n => n, StringComparer.Ordinal))
        {
            olds.TryGetValue(name, out AbiTypedef? o);
            news.TryGetValue(name, out AbiTypedef? n);
            string subject = "typedef " + name;
            if (n is null)
            {
                log.Add(AbiChangeKind.TypedefRemoved, subject, "removed (was " + o!.CType + "); members that used it report their own changes", o.Location, null);
                continue;
            }

            if (o is null)
            {
                log.Add(AbiChangeKind.TypedefAdded, subject, "new name for " + n.CType, null, n.Location);
                continue;
            }

            ShapeDifference shape = TypeShape.SameDimensions(o.Type, n.Type)
                ? TypeShape.CompareElements(o.Type, oldModel, n.Type, newModel)
                : ShapeDifference.Layout;
            string types = TypeChangeText.Of(o.CType, o.Type, oldModel, n.CType, n.Type, newModel);
            if (shape is ShapeDifference.Layout or ShapeDifference.Signedness)
            {
                log.Add(AbiChangeKind.TypedefRetyped, subject, "now names another type: " + types, o.Location, n.Location);
            }
            else if (shape == ShapeDifference.NameOnly || o.CType != n.CType)
            {
                log.Add(AbiChangeKind.TypedefSpellingChanged, subject, "same layout, spelled " + types, o.Location, n.Location);
            }
        }
    }

    private static Dictionary<string, AbiTypedef> ByName(AbiModel model)
    {
        var byName = new Dictionary<string, AbiTypedef>(StringComparer.Ordinal);
        foreach (AbiTypedef typedef in model.Typedefs.Where(t => !byName.ContainsKey(t.Name)))
        {
            byName.Add(typedef.Name, typedef);
        }

        return byName;
    }
}
