using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>Integer macros by name. Ioctl request macros are left to <see cref="IoctlComparer"/>, which can say why a number changed.</summary>
internal static class MacroComparer
{
    public static void Compare(AbiModel oldModel, AbiModel newModel, ChangeLog log)
    {
        var ioctlNames = new HashSet<string>(oldModel.Ioctls.Select(i => i.Name).Concat(newModel.Ioctls.Select(i => i.Name)), StringComparer.Ordinal);
        Dictionary<string, AbiMacro> olds = ByName(oldModel, ioctlNames);
        Dictionary<string, AbiMacro> news = ByName(newModel, ioctlNames);
        foreach (string name in olds.Keys.Union(news.Keys).OrderBy(n => n, StringComparer.Ordinal))
        {
            olds.TryGetValue(name, out AbiMacro? o);
            news.TryGetValue(name, out AbiMacro? n);
            string subject = "macro " + name;
            if (n is null)
            {
                log.Add(AbiChangeKind.MacroRemoved, subject, "removed (was " + o!.Value + ", " + o.CType + ")", o.Location, null);
                continue;
            }

            if (o is null)
            {
                log.Add(AbiChangeKind.MacroAdded, subject, "new: " + n.Value + " (" + n.CType + ")", null, n.Location);
                continue;
            }

            int before = log.Changes.Count;
            if (o.Value != n.Value)
            {
                bool sentinel = Sentinels.IsSentinelName(name);
                log.Add(
                    sentinel ? AbiChangeKind.SentinelChanged : AbiChangeKind.MacroValueChanged,
                    subject,
                    "value changed from " + o.Value + " to " + n.Value + (sentinel ? "; " + Sentinels.Note : string.Empty),
                    o.Location,
                    n.Location);
            }

            if (o.Primitive != n.Primitive)
            {
                log.Add(AbiChangeKind.MacroTypeChanged, subject, "type changed from " + o.CType + " to " + n.CType + " (" + o.Primitive + " -> " + n.Primitive + "); the generated constant changes type", o.Location, n.Location);
            }
            else if (o.CType != n.CType)
            {
                log.Add(AbiChangeKind.MacroTypeSpellingChanged, subject, "type spelled " + o.CType + " -> " + n.CType + ", same " + n.Primitive, o.Location, n.Location);
            }

            if (log.Changes.Count == before && o.Expansion != n.Expansion)
            {
                log.Add(AbiChangeKind.MacroExpansionChanged, subject, "same value, written differently: " + o.Expansion + " -> " + n.Expansion, o.Location, n.Location);
            }
        }
    }

    private static Dictionary<string, AbiMacro> ByName(AbiModel model, HashSet<string> excluded)
    {
        var byName = new Dictionary<string, AbiMacro>(StringComparer.Ordinal);
        foreach (AbiMacro macro in model.Macros.Where(m => !excluded.Contains(m.Name) && !byName.ContainsKey(m.Name)))
        {
            byName.Add(macro.Name, macro);
        }

        return byName;
    }
}
