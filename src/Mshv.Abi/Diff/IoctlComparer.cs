using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>
/// Ioctl requests by macro name. A request number is direction, type, number and
/// <c>sizeof(argument)</c> packed together, so the message names the part that moved: most often the
/// size, when the argument struct grew.
/// </summary>
internal static class IoctlComparer
{
    public static void Compare(ModelView oldModel, ModelView newModel, ChangeLog log)
    {
        Dictionary<string, AbiIoctl> olds = ByName(oldModel.Model);
        Dictionary<string, AbiIoctl> news = ByName(newModel.Model);
        foreach (string name in olds.Keys.Union(news.Keys).OrderBy(n => n, StringComparer.Ordinal))
        {
            olds.TryGetValue(name, out AbiIoctl? o);
            news.TryGetValue(name, out AbiIoctl? n);
            string subject = "ioctl " + name;
            if (n is null)
            {
                bool nowMacro = newModel.Model.Macros.Any(m => m.Name == name);
                log.Add(AbiChangeKind.IoctlRemoved, subject, "removed (was " + Describe(o!) + ")" + (nowMacro ? "; the name is now a plain macro" : string.Empty), o.Location, null);
                continue;
            }

            if (o is null)
            {
                log.Add(AbiChangeKind.IoctlAdded, subject, "new: " + Describe(n), null, n.Location);
                continue;
            }

            if (o.Request != n.Request)
            {
                log.Add(AbiChangeKind.IoctlRequestChanged, subject, RequestMessage(o, n), o.Location, n.Location);
            }

            CompareArgument(o, oldModel, n, newModel, subject, log);
        }

        ReusedNumbers(olds, news, log);
    }

    /// <summary>
    /// A request number that the old headers gave to one name and the new headers give to another, while the old
    /// name no longer has it (upstream mshv's MSHV_CHECK_EXTENSION took the RFC's MSHV_REQUEST_VERSION number): an old
    /// binary still sends that number, and the new driver reads it as the other request. An alias (both names
    /// kept on the number) is not a reuse.
    /// </summary>
    private static void ReusedNumbers(Dictionary<string, AbiIoctl> olds, Dictionary<string, AbiIoctl> news, ChangeLog log)
    {
        ILookup<ulong, AbiIoctl> oldByNumber = olds.Values.ToLookup(i => i.Request);
        foreach (AbiIoctl n in news.Values.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            bool alreadyThere = olds.TryGetValue(n.Name, out AbiIoctl? sameName) && sameName.Request == n.Request;
            if (alreadyThere)
            {
                continue;
            }

            foreach (AbiIoctl o in oldByNumber[n.Request].Where(o => o.Name != n.Name && !(news.TryGetValue(o.Name, out AbiIoctl? kept) && kept.Request == o.Request)))
            {
                log.Add(
                    AbiChangeKind.IoctlNumberReused,
                    "ioctl " + n.Name,
                    "request " + DiffText.Hex(n.Request) + " was " + o.Name + " (" + Describe(o) + ") and now means " + n.Name + " (" + Describe(n) + ")"
                        + "; a binary built against the old headers that sends " + o.Name + " gets " + n.Name + " instead",
                    o.Location,
                    n.Location);
            }
        }
    }

    private static void CompareArgument(AbiIoctl o, ModelView oldModel, AbiIoctl n, ModelView newModel, string subject, ChangeLog log)
    {
        string oldSpelling = o.ArgumentCType ?? "no argument";
        string newSpelling = n.ArgumentCType ?? "no argument";
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
            string types = o.ArgumentType is null || n.ArgumentType is null || oldSpelling != newSpelling
                ? oldSpelling + " -> " + newSpelling
                : TypeChangeText.Of(oldSpelling, o.ArgumentType, oldModel, newSpelling, n.ArgumentType, newModel);
            string consequence = shape == ShapeDifference.Signedness
                ? "; request " + DiffText.Hex(n.Request) + " takes the same bits, which now read as a different value"
                : "; request " + DiffText.Hex(n.Request) + " now takes " + newSpelling + ", so callers built against the old header pass a different object";
            log.Add(AbiChangeKind.IoctlArgumentChanged, subject, "argument type changed: " + types + consequence, o.Location, n.Location);
        }
        else if (shape == ShapeDifference.NameOnly || oldSpelling != newSpelling)
        {
            log.Add(AbiChangeKind.IoctlArgumentSpellingChanged, subject, "argument spelled " + oldSpelling + " -> " + newSpelling + ", same layout", o.Location, n.Location);
        }
    }

    private static string RequestMessage(AbiIoctl o, AbiIoctl n)
    {
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
            reasons.Add("number " + DiffText.Hex(o.Number) + " -> " + DiffText.Hex(n.Number));
        }

        if (o.Size != n.Size)
        {
            string argument = n.ArgumentCType ?? "its argument";
            reasons.Add("size " + DiffText.Bytes(o.Size) + " -> " + DiffText.Bytes(n.Size) + " (" + DiffText.Direction(n.Direction)
                + " encodes sizeof(" + argument + "), so " + (n.Size > o.Size ? "growing" : "shrinking") + " the argument renumbers the ioctl)");
        }

        string message = "request " + DiffText.Hex(o.Request) + " -> " + DiffText.Hex(n.Request);
        message += reasons.Count > 0 ? ": " + string.Join("; ", reasons) : " with the same decoded fields";
        return message + "; binaries built against the old header send a number the new driver does not know";
    }

    private static string Describe(AbiIoctl ioctl) =>
        DiffText.Hex(ioctl.Request) + ", " + DiffText.Direction(ioctl.Direction) + "(" + DiffText.Hex(ioctl.Type) + ", " + DiffText.Hex(ioctl.Number)
        + (ioctl.ArgumentCType is null ? string.Empty : ", " + ioctl.ArgumentCType) + ")";

    private static Dictionary<string, AbiIoctl> ByName(AbiModel model)
    {
        var byName = new Dictionary<string, AbiIoctl>(StringComparer.Ordinal);
        foreach (AbiIoctl ioctl in model.Ioctls.Where(i => !byName.ContainsKey(i.Name)))
        {
            byName.Add(ioctl.Name, ioctl);
        }

        return byName;
    }
}
