using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>
/// Named enums are matched by tag. Constants are matched by name across all enums, because C puts
/// them in one scope and anonymous enums (named after their line) would otherwise never match.
/// </summary>
internal static class EnumComparer
{
    public static void Compare(AbiModel oldModel, AbiModel newModel, ChangeLog log)
    {
        Dictionary<string, AbiEnum> oldNamed = NamedEnums(oldModel);
        Dictionary<string, AbiEnum> newNamed = NamedEnums(newModel);
        Dictionary<string, (AbiEnum Owner, AbiEnumConstant Constant)> oldConstants = Constants(oldModel);
        Dictionary<string, (AbiEnum Owner, AbiEnumConstant Constant)> newConstants = Constants(newModel);

        foreach (string name in oldNamed.Keys.Union(newNamed.Keys).OrderBy(n => n, StringComparer.Ordinal))
        {
            oldNamed.TryGetValue(name, out AbiEnum? o);
            newNamed.TryGetValue(name, out AbiEnum? n);
            string subject = "enum " + name;
            if (n is null)
            {
                log.Add(AbiChangeKind.EnumRemoved, subject, "removed", o!.Location, null);
            }
            else if (o is null)
            {
                log.Add(AbiChangeKind.EnumAdded, subject, "new enum over " + n.Underlying + " with " + DiffText.List(n.Constants.Select(c => c.Name)), null, n.Location);
            }
            else if (o.Underlying != n.Underlying)
            {
                log.Add(AbiChangeKind.EnumUnderlyingChanged, subject, "underlying type changed from " + o.Underlying + " to " + n.Underlying, o.Location, n.Location);
            }
        }

        foreach (string name in oldConstants.Keys.Union(newConstants.Keys).OrderBy(n => n, StringComparer.Ordinal))
        {
            bool wasThere = oldConstants.TryGetValue(name, out var o);
            bool isThere = newConstants.TryGetValue(name, out var n);
            string subject = "enum constant " + name;
            if (!isThere)
            {
                log.Add(AbiChangeKind.EnumConstantRemoved, subject, "removed from " + Describe(o.Owner) + " (was " + DiffText.Num(o.Constant.Value) + ")", o.Owner.Location, null);
            }
            else if (!wasThere)
            {
                // A new named enum already lists its constants.
                if (n.Owner.IsAnonymous || oldNamed.ContainsKey(n.Owner.Name))
                {
                    log.Add(AbiChangeKind.EnumConstantAdded, subject, "new in " + Describe(n.Owner) + " = " + DiffText.Num(n.Constant.Value), null, n.Owner.Location);
                }
            }
            else
            {
                if (o.Constant.Value != n.Constant.Value)
                {
                    bool sentinel = Sentinels.IsSentinel(o.Owner, o.Constant) && Sentinels.IsSentinel(n.Owner, n.Constant);
                    log.Add(
                        sentinel ? AbiChangeKind.SentinelChanged : AbiChangeKind.EnumConstantValueChanged,
                        subject,
                        "value changed from " + DiffText.Num(o.Constant.Value) + " to " + DiffText.Num(n.Constant.Value) + (sentinel ? "; " + Sentinels.Note : string.Empty),
                        o.Owner.Location,
                        n.Owner.Location);
                }

                if (!SameOwner(o.Owner, n.Owner))
                {
                    log.Add(AbiChangeKind.EnumConstantMoved, subject, "moved from " + Describe(o.Owner) + " to " + Describe(n.Owner), o.Owner.Location, n.Owner.Location);
                }
            }
        }
    }

    private static bool SameOwner(AbiEnum o, AbiEnum n) => o.IsAnonymous ? n.IsAnonymous : !n.IsAnonymous && o.Name == n.Name;

    private static string Describe(AbiEnum owner) => owner.IsAnonymous ? "an anonymous enum" : "enum " + owner.Name;

    private static Dictionary<string, AbiEnum> NamedEnums(AbiModel model)
    {
        var named = new Dictionary<string, AbiEnum>(StringComparer.Ordinal);
        foreach (AbiEnum e in model.Enums.Where(e => !e.IsAnonymous && !named.ContainsKey(e.Name)))
        {
            named.Add(e.Name, e);
        }

        return named;
    }

    private static Dictionary<string, (AbiEnum, AbiEnumConstant)> Constants(AbiModel model)
    {
        var constants = new Dictionary<string, (AbiEnum, AbiEnumConstant)>(StringComparer.Ordinal);
        foreach (AbiEnum e in model.Enums)
        {
            foreach (AbiEnumConstant constant in e.Constants.Where(c => !constants.ContainsKey(c.Name)))
            {
                constants.Add(constant.Name, (e, constant));
            }
        }

        return constants;
    }
}
