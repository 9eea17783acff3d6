using System.Collections.Generic;

namespace Mshv.Abi.Diff;

/// <summary>
/// Collects changes in the order the comparers find them (which is already deterministic). Comparers name the
/// kind; its severity comes from <see cref="ChangeKindTable"/>.
/// </summary>
internal sealed class ChangeLog
{
    private readonly List<AbiChange> _changes = new();

    public IReadOnlyList<AbiChange> Changes => _changes;

    public void Add(string kind, string subject, string message, SourceLocation? oldLocation, SourceLocation? newLocation) =>
        _changes.Add(new AbiChange(ChangeKindTable.SeverityOf(kind), kind, subject, message, oldLocation, newLocation));
}
