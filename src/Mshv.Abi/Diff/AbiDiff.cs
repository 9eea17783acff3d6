using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>
/// Compares two ABI snapshots and classifies every difference as breaking or compatible.
/// </summary>
/// <remarks>
/// <para><b>Matching.</b> Records are matched by C path: a tagged record by its tag, an unnamed record
/// reached through a member by <c>parent.member</c>, whatever the scanner called it. Members are
/// matched by the name C code uses: members of anonymous structs and unions are lifted into their
/// parent (C11), with offsets from the parent's start, so wrapping members in an anonymous union or
/// adding an anonymous member elsewhere changes nothing unless a named member's bits change.
/// Unnamed bitfields are padding. Enums are matched by tag, enum constants by name across all enums
/// (C gives them one scope), typedefs, macros and ioctls by name. Source locations and the list of
/// scanned headers never count.</para>
/// <para><b>Breaking.</b> A record removed, resized, realigned, (un)packed or turned struct↔union; a
/// member removed, moved (bit offset), resized (bitfield width, bitfield↔whole, array dimensions),
/// retyped (another primitive, another record layout) or changed in signedness; a named enum
/// removed or its underlying type changed; an enum constant removed or revalued; a typedef naming
/// another layout; a macro removed or changed in value or in type; an ioctl removed, renumbered (the
/// message decodes direction, type, number and size: <c>_IOW</c> encodes <c>sizeof</c>, so growing the
/// argument renumbers it) or given another argument type; a different target triple.</para>
/// <para><b>Compatible.</b> Anything new (record, member, enum, constant, typedef, macro, ioctl); a
/// member whose bits were reserved (a removed or narrowed <c>reserved*</c>/<c>rsvd*</c>/<c>pad*</c>
/// member) given a name; a member added in padding (with a caveat: old callers may leave garbage
/// there); a reserved member reshaped or narrowed within its old bits; another spelling of the same
/// layout (a typedef renamed, an enum naming the same integer, a record renamed but laid out the same);
/// a typedef removed (members report their own changes); a macro written differently with the same
/// value and type; an enum constant moved to another enum with the same value; an unnamed record
/// (reached only through its parent, never an array element) that grew while its parent kept its size,
/// as kvm_run's exit structs grow into the union's padding.</para>
/// <para><b>Not repeated.</b> A record's own changes are reported once on the record, not on every
/// member typed by it; ioctl request macros are reported as ioctls, not as macros; an unnamed nested
/// record that appears or disappears is reported through the member that has it as type.</para>
/// <para><b>Order.</b> Breaking first, then compatible; within each, target, records by C path (each
/// record's own changes, then its old members in declaration order, then new members), enums,
/// constants, typedefs, macros, ioctls, each by name in ordinal order.</para>
/// </remarks>
public static class AbiDiff
{
    public static AbiDiffReport Compare(AbiModel oldModel, AbiModel newModel)
    {
        if (oldModel is null)
        {
            throw new ArgumentNullException(nameof(oldModel));
        }

        if (newModel is null)
        {
            throw new ArgumentNullException(nameof(newModel));
        }

        var log = new ChangeLog();
        CompareTargets(oldModel, newModel, log);

        var oldView = new ModelView(oldModel);
        var newView = new ModelView(newModel);
        RecordComparer.Compare(oldView, newView, log);
        EnumComparer.Compare(oldModel, newModel, log);
        TypedefComparer.Compare(oldView, newView, log);
        MacroComparer.Compare(oldModel, newModel, log);
        IoctlComparer.Compare(oldView, newView, log);
        RequestBuilderComparer.Compare(oldView, newView, log);

        // OrderBy is stable, so each group keeps the order above.
        return new AbiDiffReport(log.Changes.OrderBy(c => c.Severity).ToList());
    }

    // A model of several targets (also=) serves each of them with one set of types. Two models that share no target
    // were computed for different machines: every layout may differ. Otherwise what matters is which targets the new
    // types still serve: a dropped one makes a consumer on that architecture fail its run-time target check.
    private static void CompareTargets(AbiModel oldModel, AbiModel newModel, ChangeLog log)
    {
        IReadOnlyList<string> oldTargets = oldModel.Targets;
        IReadOnlyList<string> newTargets = newModel.Targets;
        if (!oldTargets.Intersect(newTargets, StringComparer.Ordinal).Any())
        {
            log.Add(AbiChangeKind.TargetChanged, "target", "layouts were computed for " + oldModel.Target + " and " + newModel.Target + "; every size and offset may differ", null, null);
            return;
        }

        foreach (string dropped in oldTargets.Except(newTargets, StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal))
        {
            log.Add(AbiChangeKind.TargetDropped, "target " + dropped, "the types no longer serve " + dropped + "; a process on it now fails the target check", null, null);
        }

        foreach (string added in newTargets.Except(oldTargets, StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal))
        {
            log.Add(AbiChangeKind.TargetAdded, "target " + added, "the same types now also serve " + added + " (its layouts are identical)", null, null);
        }
    }
}
