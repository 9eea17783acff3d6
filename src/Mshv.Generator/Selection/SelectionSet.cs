using System;
using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Generator.Selection;

/// <summary>Every selection file of a compilation, merged. <see cref="IsEverything"/>: no selection file, so nothing is narrowed.</summary>
internal sealed record SelectionSet(EquatableArray<SelectionFile> Files)
{
    public bool IsEverything => Files.All(f => f.Names.Count == 0);

    /// <summary>Every file's directives, files in path order.</summary>
    public EquatableArray<SelectionDirective> Directives() => Files.SelectMany(f => f.Directives).ToEquatableArray();

    /// <summary>The names of <paramref name="model"/> the files select (exact names, <c>*</c> patterns, <c>-</c> exclusions).</summary>
    public HashSet<string> Names(AbiModel model) =>
        SelectionRules.Resolve(Files.SelectMany(f => f.Names), ModelSelection.SelectableNames(model));

    public static SelectionSet Merge(IEnumerable<SelectionFile> files) =>
        new(files.OrderBy(f => f.Path, StringComparer.Ordinal).ToEquatableArray());
}
