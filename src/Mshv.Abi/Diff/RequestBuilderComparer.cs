using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>
/// Request builders (function-like ioctl macros, <c>EVIOCGNAME(len)</c>) by macro name. A builder is a family of request
/// numbers: it is compared by the numbers it computes (the linear forms of request, number and size, direction and
/// type), so a rewritten body that computes the same numbers is only a spelling change.
/// </summary>
internal static class RequestBuilderComparer
{
    public static void Compare(ModelView oldModel, ModelView newModel, ChangeLog log)
    {
        Dictionary<string, AbiRequestBuilder> olds = ByName(oldModel.Model);
        Dictionary<string, AbiRequestBuilder> news = ByName(newModel.Model);
        foreach (string name in olds.Keys.Union(news.Keys).OrderBy(n => n, StringComparer.Ordinal))
        {
            olds.TryGetValue(name, out AbiRequestBuilder? o);
            news.TryGetValue(name, out AbiRequestBuilder? n);
            if (n is null)
            {
                bool nowIoctl = newModel.Model.Ioctls.Any(i => i.Name == name);
                log.Add(AbiChangeKind.RequestBuilderRemoved, Subject(o!), "removed (was " + Describe(o!) + ")"
                    + (nowIoctl ? "; the name is now a request without arguments" : string.Empty), o!.Location, null);
                continue;
            }

            if (o is null)
            {
                log.Add(AbiChangeKind.RequestBuilderAdded, Subject(n), "new: " + Describe(n), null, n.Location);
                continue;
            }

            string? numbers = NumbersChange(o, n);
            if (numbers is not null)
            {
                log.Add(AbiChangeKind.RequestBuilderChanged, Subject(n), numbers, o.Location, n.Location);
            }

            bool argumentChanged = CompareArgument(o, oldModel, n, newModel, log);
            if (numbers is null && !argumentChanged && o.Expansion != n.Expansion)
            {
                log.Add(AbiChangeKind.RequestBuilderSpellingChanged, Subject(n), "written differently, computing the same requests: '"
                    + o.Expansion + "' -> '" + n.Expansion + "'", o.Location, n.Location);
            }
        }
    }

    private static string Subject(AbiRequestBuilder builder) => "ioctl builder " + Signature(builder);

    private static string Signature(AbiRequestBuilder builder) => builder.Name + "(" + string.Join(", ", builder.Parameters) + ")";

    /// <summary>
    /// What computes other numbers for the same arguments, or null when every argument gives the old request (parameters
    /// are matched by position: a renamed parameter is a spelling change).
    /// </summary>
    private static string? NumbersChange(AbiRequestBuilder o, AbiRequestBuilder n)
    {
        if (o.Parameters.Count != n.Parameters.Count)
        {
            return "parameters (" + string.Join(", ", o.Parameters) + ") -> (" + string.Join(", ", n.Parameters) + "); callers pass other "
                + "arguments";
        }

        var reasons = new List<string>();
        if (o.Direction != n.Direction)
        {
            reasons.Add("direction " + DiffText.Direction(o.Direction) + " -> " + DiffText.Direction(n.Direction));
        }

        if (o.Type != n.Type)
        {
            reasons.Add("type " + DiffText.Hex(o.Type) + " -> " + DiffText.Hex(n.Type));
        }

        if (o.Number != n.Number)
        {
            reasons.Add("number " + o.Number.Format(o.Parameters) + " -> " + n.Number.Format(n.Parameters));
        }

        if (o.Size != n.Size)
        {
            reasons.Add("size " + o.Size.Format(o.Parameters) + " -> " + n.Size.Format(n.Parameters));
        }

        if (reasons.Count == 0 && o.Request == n.Request)
        {
            return null;
        }

        return "request " + o.Request.Format(o.Parameters) + " -> " + n.Request.Format(n.Parameters)
            + (reasons.Count > 0 ? ": " + string.Join("; ", reasons) : string.Empty)
            + "; binaries built against the old header send numbers the new driver does not know";
    }

    /// <summary>Reports an argument of another layout (breaking) or spelling (compatible); true when it reported one.</summary>
    private static bool CompareArgument(AbiRequestBuilder o, ModelView oldModel, AbiRequestBuilder n, ModelView newModel, ChangeLog log)
    {
        string oldSpelling = o.ArgumentCType ?? "no argument type";
        string newSpelling = n.ArgumentCType ?? "no argument type";
        ShapeDifference shape;
        if (o.ArgumentType is null || n.ArgumentType is null)
        {
            shape = o.ArgumentType is null && n.ArgumentType is null ? ShapeDifference.None : ShapeDifference.Layout;
        }
        else
        {
            shape = TypeShape.SameDimensions(o.ArgumentType, n.ArgumentType)
                ? TypeShape.CompareElements(o.ArgumentType, oldModel, n.ArgumentType, newModel)
                : ShapeDifference.Layout;
        }

        if (shape is ShapeDifference.Layout or ShapeDifference.Signedness)
        {
            log.Add(AbiChangeKind.RequestBuilderArgumentChanged, Subject(n), "argument type changed: " + oldSpelling + " -> " + newSpelling
                + "; its typed form now takes " + newSpelling, o.Location, n.Location);
            return true;
        }

        if (shape == ShapeDifference.NameOnly || oldSpelling != newSpelling)
        {
            log.Add(AbiChangeKind.RequestBuilderSpellingChanged, Subject(n), "argument spelled " + oldSpelling + " -> " + newSpelling
                + ", same layout", o.Location, n.Location);
            return true;
        }

        return false;
    }

    private static string Describe(AbiRequestBuilder builder) =>
        "request " + builder.Request.Format(builder.Parameters) + ", " + DiffText.Direction(builder.Direction) + "(" + DiffText.Hex(builder.Type)
        + ", nr " + builder.Number.Format(builder.Parameters) + ", size " + builder.Size.Format(builder.Parameters)
        + (builder.ArgumentCType is null ? string.Empty : ", " + builder.ArgumentCType) + ")";

    private static Dictionary<string, AbiRequestBuilder> ByName(AbiModel model)
    {
        var byName = new Dictionary<string, AbiRequestBuilder>(StringComparer.Ordinal);
        foreach (AbiRequestBuilder builder in model.RequestBuilders.Where(b => !byName.ContainsKey(b.Name)))
        {
            byName.Add(builder.Name, builder);
        }

        return byName;
    }
}
