using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Mshv.Abi.Diff;

/// <summary>
/// The kernel's ways of growing a named record without breaking its users, each with the reason it is safe.
/// Each returns the explanation, or null when the rule does not apply (the growth is then a plain size change).
/// </summary>
internal static class GrowthRules
{
    private static readonly Regex SizeVersionMacro = new("^_*([A-Z0-9_]+?)_SIZE_VER[0-9]+$", RegexOptions.CultureInvariant);

    /// <summary>
    /// A record that grew, where every member typed by it (in both models) sits in a union that kept its size, and no
    /// ioctl passes it by <c>sizeof</c>: the union is a padded header (kvm_nested_state's 120-byte <c>hdr</c>), so
    /// nothing after it moves and the bytes the kernel copies stay the same.
    /// </summary>
    public static string? InsideFixedUnion(string name, ModelView oldModel, ModelView newModel)
    {
        List<Use> oldUses = Uses(name, oldModel);
        List<Use> newUses = Uses(name, newModel);
        if (newUses.Count == 0
            || newUses.Any(u => !u.InUnion || u.IsArray)
            || PassedByIoctl(name, oldModel.Model) || PassedByIoctl(name, newModel.Model)
            || !newUses.All(n => oldUses.Any(o => o.Container == n.Container && o.Member == n.Member && o.ContainerSize == n.ContainerSize && o.InUnion)))
        {
            return null;
        }

        return "only inside " + DiffText.List(newUses.Select(u => "union " + u.Container + " (" + DiffText.Bytes(u.ContainerSize) + ", unchanged)"))
            + ": the union is padded to a fixed size, so nothing after it moves; members past the old end are new";
    }

    /// <summary>
    /// A struct the kernel copies by the size the caller declares (<c>copy_struct_from_user</c>): its first member is
    /// <c>size</c> (or vfio's <c>argsz</c>), or the headers define <c>*_SIZE_VER<i>n</i></c> macros for it
    /// (<c>OPEN_HOW_SIZE_VER0</c>, <c>PERF_ATTR_SIZE_VER8</c>). Growth at its end is the designed way to extend it: old
    /// binaries pass the old size and the kernel zero-fills the rest.
    /// </summary>
    public static string? Extensible(RecordView oldView, RecordView newView, ModelView oldModel, ModelView newModel)
    {
        if (oldView.Record.Kind != RecordKind.Struct || newView.Record.Size <= oldView.Record.Size
            || oldView.Fields.Any(f => newView.Find(f.Path) is not { } n || n.Range != f.Range))
        {
            return null;
        }

        FlatField? first = newView.Fields.OrderBy(f => f.Range.Start).FirstOrDefault();
        string growth = "grew from " + DiffText.Bytes(oldView.Record.Size) + " to " + DiffText.Bytes(newView.Record.Size) + " at its end";
        const string Why = "; the kernel copies it by the size the caller declares (copy_struct_from_user), so old binaries keep working"
            + " and new ones must check for E2BIG on older kernels";
        if (first is { Range.Start: 0 } && first.Path is "size" or "argsz")
        {
            return growth + " (an extensible struct: its first member, " + first.Path + ", declares the caller's size)" + Why;
        }

        string? macro = SizeMacros(newModel.Model).Concat(SizeMacros(oldModel.Model))
            .Where(m => NamesRecord(m.Prefix, newView.Identity)).Select(m => m.Macro).FirstOrDefault();
        return macro is null ? null : growth + " (an extensible struct: the headers version its size with " + macro + ")" + Why;
    }

    private static IEnumerable<(string Macro, string Prefix)> SizeMacros(AbiModel model) =>
        model.Macros.Select(m => (m.Name, Match: SizeVersionMacro.Match(m.Name))).Where(p => p.Match.Success).Select(p => (p.Name, p.Match.Groups[1].Value));

    // OPEN_HOW names open_how; PERF_ATTR names perf_event_attr: every word of the prefix is a word of the tag.
    private static bool NamesRecord(string prefix, string tag)
    {
        string[] tagWords = tag.Split(new[] { '_' }, StringSplitOptions.RemoveEmptyEntries);
        string[] prefixWords = prefix.Split(new[] { '_' }, StringSplitOptions.RemoveEmptyEntries);
        return prefixWords.Length > 0 && prefixWords.All(w => tagWords.Contains(w, StringComparer.OrdinalIgnoreCase));
    }

    private static bool PassedByIoctl(string name, AbiModel model) =>
        model.Ioctls.Any(i => i.ArgumentType is { IsRecord: true } t && t.RecordName == name);

    private static List<Use> Uses(string name, ModelView model)
    {
        var uses = new List<Use>();
        foreach (AbiRecord record in model.Model.Records)
        {
            foreach (AbiField field in record.Fields.Where(f => f.Type.IsRecord && f.Type.RecordName == name))
            {
                uses.Add(new Use(model.IdentityOf(record.Name), field.Name, record.Kind == RecordKind.Union, field.Type.IsArray, record.Size));
            }
        }

        foreach (AbiTypedef typedef in model.Model.Typedefs.Where(t => t.Type.IsRecord && t.Type.RecordName == name && t.Name != name))
        {
            // A typedef lets code outside the headers take sizeof: count it as a use the rule cannot vouch for.
            uses.Add(new Use("typedef " + typedef.Name, typedef.Name, false, false, 0));
        }

        return uses;
    }

    private sealed record Use(string Container, string Member, bool InUnion, bool IsArray, long ContainerSize);
}
