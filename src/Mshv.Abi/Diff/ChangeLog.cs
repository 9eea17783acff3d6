using System.Collections.Generic;

namespace Mshv.Abi.Diff;

/// <summary>Collects changes in the order the comparers find them (which is already deterministic).</summary>
internal sealed class ChangeLog
{
    private readonly List<AbiChange> _changes = new();

    public IReadOnlyList<AbiChange> Changes => _changes;

    public void Breaking(string kind, string subject, string message, SourceLocation? oldLocation, SourceLocation? newLocation) =>
        _changes.Add(new AbiChange(ChangeSeverity.Breaking, kind, subject, message, oldLocation, newLocation));

    public void Compatible(string kind, string subject, string message, SourceLocation? oldLocation, SourceLocation? newLocation) =>
        _changes.Add(new AbiChange(ChangeSeverity.Compatible, kind, subject, message, oldLocation, newLocation));
}
