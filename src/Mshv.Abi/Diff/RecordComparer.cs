using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>Compares records by C path and their members by name, after flattening anonymous members.</summary>
internal static class RecordComparer
{
    public static void Compare(ModelView oldModel, ModelView newModel, ChangeLog log)
    {
        IEnumerable<string> identities = oldModel.Views.Keys.Union(newModel.Views.Keys).OrderBy(k => k, StringComparer.Ordinal);
        foreach (string identity in identities)
        {
            oldModel.Views.TryGetValue(identity, out RecordView? oldView);
            newModel.Views.TryGetValue(identity, out RecordView? newView);
            if (oldView is not null && newView is not null)
            {
                CompareRecord(oldView, oldModel, newView, newModel, log);
            }
            else if (oldView is { IsRoot: true })
            {
                log.Add(AbiChangeKind.RecordRemoved, oldView.Subject, "removed", oldView.Record.Location, null);
            }
            else if (newView is { IsRoot: true })
            {
                log.Add(
                    AbiChangeKind.RecordAdded,
                    newView.Subject,
                    "new " + newView.Record.CKeyword + " of " + DiffText.Bytes(newView.Record.Size) + ", aligned to " + DiffText.Num(newView.Record.Alignment),
                    null,
                    newView.Record.Location);
            }

            // An unnamed record that appears or disappears does so with the member that has it as type,
            // and that member's change is reported on its parent.
        }
    }

    private static void CompareRecord(RecordView oldView, ModelView oldModel, RecordView newView, ModelView newModel, ChangeLog log)
    {
        AbiRecord o = oldView.Record;
        AbiRecord n = newView.Record;
        string subject = newView.Subject;
        List<FlatField> added = newView.Fields.Where(f => oldView.Find(f.Path) is null).ToList();

        if (o.Kind != n.Kind && o.Size == n.Size && oldView.Fields.All(f => newView.Find(f.Path) is { } kept && kept.Range == f.Range))
        {
            log.Add(
                AbiChangeKind.RecordKindKeptLayout,
                subject,
                "was a " + o.CKeyword + ", is now a " + n.CKeyword + " of the same size, and every old member keeps its bytes (only new members overlap them)",
                o.Location,
                n.Location);
        }
        else if (o.Kind != n.Kind)
        {
            string effect = n.Kind == RecordKind.Union ? "members that had their own bytes now overlap" : "members that overlapped now get their own bytes";
            log.Add(AbiChangeKind.RecordKindChanged, subject, "was a " + o.CKeyword + ", is now a " + n.CKeyword + ": " + effect, o.Location, n.Location);
        }

        if (o.Size != n.Size)
        {
            SizeChanged(oldView, oldModel, newView, newModel, added, log);
        }

        if (o.Alignment != n.Alignment)
        {
            log.Add(AbiChangeKind.RecordAlignmentChanged, subject, "alignment changed from " + DiffText.Num(o.Alignment) + " to " + DiffText.Num(n.Alignment) + ", which moves it inside every record that embeds it", o.Location, n.Location);
        }

        if (o.IsPacked != n.IsPacked)
        {
            log.Add(AbiChangeKind.RecordPackingChanged, subject, n.IsPacked ? "is now packed" : "is no longer packed", o.Location, n.Location);
        }

        var addedRanges = new BitRangeSet(added.Select(f => f.Range));
        var context = new FieldContext(oldView, oldModel, newView, newModel, added, addedRanges, log);
        foreach (FlatField oldField in oldView.Fields)
        {
            FlatField? newField = newView.Find(oldField.Path);
            if (newField is null)
            {
                FieldChanges.Removed(oldField, context);
            }
            else
            {
                FieldChanges.Changed(oldField, newField, context);
            }
        }

        foreach (FlatField newField in added)
        {
            FieldChanges.Added(newField, context);
        }
    }

    /// <summary>A size change, unless one of the kernel's safe ways of growing explains it (checked in this order).</summary>
    private static void SizeChanged(RecordView oldView, ModelView oldModel, RecordView newView, ModelView newModel, List<FlatField> added, ChangeLog log)
    {
        AbiRecord o = oldView.Record;
        AbiRecord n = newView.Record;
        string subject = newView.Subject;
        string sizes = DiffText.Bytes(o.Size) + " to " + DiffText.Bytes(n.Size);
        if (GrowsInPlace(newView.Identity, oldModel, newModel, 0))
        {
            string parent = newModel.ReachedBy(newView.Identity)!.Value.Parent;
            bool parentKeptSize = oldModel.Views[parent].Record.Size == newModel.Views[parent].Record.Size;
            log.Add(
                AbiChangeKind.NestedRecordGrew,
                subject,
                "grew from " + sizes + " inside " + parent + (parentKeptSize ? ", which keeps its size" : ", which grew in place too") + ": old members keep their bytes",
                o.Location,
                n.Location);
            return;
        }

        if (n.Size < o.Size && FlexibleArrays.MadeRealIn(oldView, newView) is { } flexible)
        {
            log.Add(
                AbiChangeKind.FlexibleArrayMadeReal,
                subject,
                "shrank from " + sizes + " because its trailing " + flexible.Path + " became a real flexible array: sizeof no longer counts a first entry;"
                    + " the header and the entries keep their bytes (an _IOW/_IOR request that encodes sizeof is reported on its own)",
                o.Location,
                n.Location);
            return;
        }

        if (n.Size > o.Size && o.Alignment == n.Alignment && oldView.IsRoot && newView.IsRoot
            && GrowthRules.InsideFixedUnion(o.Name, oldModel, newModel) is { } fixedUnion)
        {
            log.Add(AbiChangeKind.RecordGrewInsideFixedUnion, subject, "grew from " + sizes + " " + fixedUnion, o.Location, n.Location);
            return;
        }

        if (oldView.IsRoot && newView.IsRoot && GrowthRules.Extensible(oldView, newView, oldModel, newModel) is { } extensible)
        {
            log.Add(AbiChangeKind.ExtensibleRecordGrew, subject, extensible, o.Location, n.Location);
            return;
        }

        log.Add(AbiChangeKind.RecordSizeChanged, subject, SizeMessage(oldView, newView, added), o.Location, n.Location);
    }

    /// <summary>
    /// An unnamed record (no one can name it in sizeof or an ioctl) that grew, is not an array element
    /// (growth would shift the later elements), and sits in a parent that kept its size or itself grew in
    /// place: typically a kvm_run exit struct growing into the union's padding. A struct parent's later
    /// members that moved are reported on their own.
    /// </summary>
    private static bool GrowsInPlace(string identity, ModelView oldModel, ModelView newModel, int depth)
    {
        if (depth > 32
            || !oldModel.Views.TryGetValue(identity, out RecordView? oldView)
            || !newModel.Views.TryGetValue(identity, out RecordView? newView)
            || oldView.IsRoot || newView.IsRoot
            || newView.Record.Size < oldView.Record.Size
            || oldView.Record.Alignment != newView.Record.Alignment
            || oldModel.ReachedBy(identity) is not { } oldVia
            || newModel.ReachedBy(identity) is not { } newVia
            || oldVia.Member.Type.IsArray || newVia.Member.Type.IsArray
            || oldVia.Parent != newVia.Parent
            || !oldModel.Views.TryGetValue(oldVia.Parent, out RecordView? oldParent)
            || !newModel.Views.TryGetValue(newVia.Parent, out RecordView? newParent))
        {
            return false;
        }

        return oldParent.Record.Size == newParent.Record.Size || GrowsInPlace(oldVia.Parent, oldModel, newModel, depth + 1);
    }

    private static string SizeMessage(RecordView oldView, RecordView newView, List<FlatField> added)
    {
        long from = oldView.Record.Size;
        long to = newView.Record.Size;
        string message = (to > from ? "grew" : "shrank") + " from " + DiffText.Bytes(from) + " to " + DiffText.Bytes(to);
        List<FlatField> appended = added.Where(f => f.Range.End > oldView.SizeBits).ToList();
        if (appended.Count > 0)
        {
            message += " (new: " + DiffText.List(appended.Select(f => f.Path + " at " + DiffText.Position(f.Range, f.Field.IsBitfield))) + ")";
        }

        return message + "; anything that embeds it or passes its size (an _IOW/_IOR request) changes with it";
    }
}

/// <summary>What the member comparison of one record needs to know about both sides.</summary>
internal sealed record FieldContext(
    RecordView OldView,
    ModelView OldModel,
    RecordView NewView,
    ModelView NewModel,
    IReadOnlyList<FlatField> Added,
    BitRangeSet AddedRanges,
    ChangeLog Log)
{
    public string SubjectOf(FlatField field) => "field " + NewView.Identity + "." + field.Path;
}
