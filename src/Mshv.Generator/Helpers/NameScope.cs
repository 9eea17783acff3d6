using System;
using System.Collections.Generic;

namespace Mshv.Generator.Helpers;

/// <summary>
/// The names already used in one C# scope (a namespace, a struct, a class). C allows what C# does not (a
/// member named like its struct, <c>a.b</c> next to <c>a__b</c>); the later name gets a <c>_</c> suffix and
/// the caller reports it.
/// </summary>
internal sealed class NameScope
{
    private readonly HashSet<string> _taken;

    public NameScope(StringComparer comparer) => _taken = new HashSet<string>(comparer);

    public NameScope()
        : this(StringComparer.Ordinal)
    {
    }

    public int Count => _taken.Count;

    public void Reserve(string name) => _taken.Add(name);

    /// <summary>Returns <paramref name="wanted"/>, or the first free <c>wanted_</c>, <c>wanted__</c>….</summary>
    public string Claim(string wanted, out bool renamed)
    {
        string name = wanted;
        while (!_taken.Add(name))
        {
            name += "_";
        }

        renamed = !ReferenceEquals(name, wanted);
        return name;
    }
}
