using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>
/// The member rules: a member is matched by the name C code uses for it; moving, resizing or
/// retyping it breaks; adding one is compatible; reserved members may be narrowed, reshaped or
/// handed out to new names, as long as the bits the new names take were reserved (or padding).
/// </summary>
internal static class FieldChanges
{
    public static void Removed(FlatField oldField, FieldContext context)
    {
        string subject = context.SubjectOf(oldField);
        SourceLocation location = oldField.Field.Location;
        if (oldField.IsReserved)
        {
            if (oldField.Range.IsEmpty || !context.AddedRanges.Covers(oldField.Range))
            {
                context.Log.Add(AbiChangeKind.ReservedFieldChanged, subject, "reserved member removed; " + DiffText.Bits(oldField.Range) + " are no longer named", location, null);
            }

            // Otherwise the new names that took its bits each report "reserved-bits-named".
            return;
        }

        string message = "removed (was " + oldField.Field.CType + " at " + DiffText.Position(oldField.Range, oldField.Field.IsBitfield) + ")";
        FlatField? renamed = context.Added.FirstOrDefault(f => f.Range == oldField.Range && f.Field.CType == oldField.Field.CType);
        if (renamed is not null)
        {
            message += "; the same bits are now named " + renamed.Path + ", a rename that breaks code using the old name";
        }

        context.Log.Add(AbiChangeKind.FieldRemoved, subject, message, location, null);
    }

    public static void Added(FlatField newField, FieldContext context)
    {
        string subject = context.SubjectOf(newField);
        SourceLocation location = newField.Field.Location;
        RecordView oldView = context.OldView;
        string position = DiffText.Position(newField.Range, newField.Field.IsBitfield);
        if (newField.Range.IsEmpty)
        {
            // A flexible array (or a member of unknown size) occupies no bits of the record: nothing to check against.
            context.Log.Add(AbiChangeKind.FieldAdded, subject, "new member " + newField.Field.CType + " at " + position + ", occupying no bytes of the record", null, location);
        }
        else if (newField.Range.End > oldView.SizeBits)
        {
            context.Log.Add(AbiChangeKind.FieldAdded, subject, "new member " + newField.Field.CType + " at " + position + ", past the old end (" + DiffText.Bytes(oldView.Record.Size) + ")", null, location);
        }
        else if (oldView.Reserved.Covers(newField.Range))
        {
            string formerly = DiffText.List(oldView.Fields.Where(f => f.IsReserved && f.Range.Overlaps(newField.Range)).Select(f => f.Path));
            if (newField.IsReserved)
            {
                context.Log.Add(AbiChangeKind.ReservedFieldChanged, subject, "reserved " + DiffText.Bits(newField.Range) + " renamed (formerly part of " + formerly + ")", null, location);
            }
            else
            {
                context.Log.Add(AbiChangeKind.ReservedBitsNamed, subject, "reserved bits given a name: " + DiffText.Bits(newField.Range) + " (formerly part of " + formerly + ")", null, location);
            }
        }
        else if (oldView.Padding.Union(oldView.Reserved).Covers(newField.Range))
        {
            context.Log.Add(AbiChangeKind.FieldAddedInPadding, subject, "new member in what was padding (" + DiffText.Bits(newField.Range) + "); old callers may leave garbage there, so the kernel can only honour it behind a flag or a size check", null, location);
        }
        else
        {
            string where = oldView.Record.Kind == RecordKind.Union ? "new union member" : "new member";
            context.Log.Add(AbiChangeKind.FieldAdded, subject, where + " " + newField.Field.CType + " at " + position, null, location);
        }
    }

    public static void Changed(FlatField oldField, FlatField newField, FieldContext context)
    {
        if (oldField.IsReserved && oldField.Range.Contains(newField.Range))
        {
            ReservedChanged(oldField, newField, context);
            return;
        }

        string subject = context.SubjectOf(newField);
        SourceLocation oldLocation = oldField.Field.Location;
        SourceLocation newLocation = newField.Field.Location;
        AbiField o = oldField.Field;
        AbiField n = newField.Field;
        ChangeLog log = context.Log;
        int before = log.Changes.Count;

        if (oldField.BitOffset != newField.BitOffset)
        {
            bool bitfield = o.IsBitfield || n.IsBitfield;
            log.Add(
                bitfield ? AbiChangeKind.BitfieldMoved : AbiChangeKind.FieldMoved,
                subject,
                "moved from " + DiffText.Position(oldField.Range, bitfield) + " to " + DiffText.Position(newField.Range, bitfield),
                oldLocation,
                newLocation);
        }

        if (o.IsBitfield && n.IsBitfield && o.BitWidth != n.BitWidth)
        {
            log.Add(AbiChangeKind.BitfieldResized, subject, "width changed from " + DiffText.Num(o.BitWidth) + " to " + DiffText.Num(n.BitWidth) + " bits", oldLocation, newLocation);
        }
        else if (o.IsBitfield != n.IsBitfield)
        {
            string message = o.IsBitfield
                ? "was a " + DiffText.Num(o.BitWidth) + "-bit bitfield, is now a whole " + n.CType
                : "was a whole " + o.CType + ", is now a " + DiffText.Num(n.BitWidth) + "-bit bitfield";
            log.Add(AbiChangeKind.FieldResized, subject, message, oldLocation, newLocation);
        }

        bool madeReal = FlexibleArrays.MadeReal(o, n);
        if (madeReal)
        {
            log.Add(
                AbiChangeKind.FlexibleArrayMadeReal,
                subject,
                "fake flexible array " + o.CType + " became a real one, " + n.CType + ": the entries keep their bytes",
                oldLocation,
                newLocation);
        }
        else if (!TypeShape.SameDimensions(o.Type, n.Type))
        {
            log.Add(AbiChangeKind.FieldResized, subject, "array dimensions changed from " + DiffText.Dimensions(o.Type) + " to " + DiffText.Dimensions(n.Type), oldLocation, newLocation);
        }

        string types = TypeChangeText.Of(o.CType, o.Type, context.OldModel, n.CType, n.Type, context.NewModel);
        switch (TypeShape.CompareElements(o.Type, context.OldModel, n.Type, context.NewModel))
        {
            case ShapeDifference.Layout:
                log.Add(AbiChangeKind.FieldRetyped, subject, "type changed: " + types, oldLocation, newLocation);
                break;
            case ShapeDifference.Signedness:
                log.Add(AbiChangeKind.FieldSignednessChanged, subject, "signedness changed: " + types + "; the same bits now read as a different value", oldLocation, newLocation);
                break;
            case ShapeDifference.NameOnly when log.Changes.Count == before:
                log.Add(AbiChangeKind.FieldTypeSpellingChanged, subject, "type renamed, same layout: " + types, oldLocation, newLocation);
                break;
            case ShapeDifference.None when log.Changes.Count == before && o.CType != n.CType && !madeReal:
                log.Add(AbiChangeKind.FieldTypeSpellingChanged, subject, "type spelled differently, same layout: " + o.CType + " -> " + n.CType, oldLocation, newLocation);
                break;
        }
    }

    /// <summary>A reserved member that still sits inside its old bits: its shape does not matter, only which bits it gave away.</summary>
    private static void ReservedChanged(FlatField oldField, FlatField newField, FieldContext context)
    {
        string subject = context.SubjectOf(newField);
        if (oldField.Range == newField.Range)
        {
            if (oldField.Field.CType != newField.Field.CType || oldField.Field.BitWidth != newField.Field.BitWidth)
            {
                context.Log.Add(AbiChangeKind.ReservedFieldChanged, subject, "reserved member reshaped over the same " + DiffText.Bits(oldField.Range) + ": " + oldField.Field.CType + " -> " + newField.Field.CType, oldField.Field.Location, newField.Field.Location);
            }

            return;
        }

        var kept = new BitRangeSet(new[] { newField.Range });
        BitRangeSet vacated = kept.ComplementWithin(oldField.Range);
        if (vacated.Ranges.All(context.AddedRanges.Covers))
        {
            // Each new name that took the bits reports "reserved-bits-named"; this narrowing is its other half.
            return;
        }

        context.Log.Add(
            AbiChangeKind.ReservedFieldChanged,
            subject,
            "reserved member narrowed from " + DiffText.Bits(oldField.Range) + " to " + DiffText.Bits(newField.Range),
            oldField.Field.Location,
            newField.Field.Location);
    }
}
