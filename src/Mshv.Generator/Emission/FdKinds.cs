using System;
using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Helpers;
using Mshv.Generator.Models;
using Mshv.Generator.Selection;

namespace Mshv.Generator.Emission;

/// <summary>
/// The fd kinds of a model's requests (<see cref="AbiIoctl.Kinds"/>, from the header's section comments) after the
/// <c>kinds REQUEST KIND[,KIND]</c> directives (shipped first, then the user's; <c>-</c> makes the kind unknown),
/// and the C# names of their marker classes.
/// </summary>
internal static class FdKinds
{
    public const string Unknown = "-";

    /// <summary>
    /// The model with every well-formed <c>kinds</c> directive applied (the last line for a request wins; a malformed one
    /// is MSHV0022, reported once per compilation). Kinds whose marker classes would share a C# name (<c>a_b</c> and
    /// <c>a__b</c>, or a kind <c>a_or_b</c> and the set of <c>a</c> and <c>b</c>) cannot both be declared: the requests
    /// that use them lose their kinds, with MSHV0004 in <paramref name="problems"/>.
    /// </summary>
    public static AbiModel Apply(AbiModel model, EquatableArray<SelectionDirective> directives, List<EmitDiagnostic> problems)
    {
        var overrides = new Dictionary<string, EquatableArray<string>>(StringComparer.Ordinal);
        foreach (SelectionDirective directive in directives.Where(d => d.Keyword == SelectionDirective.Kinds && DirectiveCheck.IsWellFormed(d)))
        {
            overrides[directive.Arguments[0]] = directive.Arguments[1] == Unknown
                ? EquatableArray<string>.Empty
                : directive.Arguments[1].Split(',').Where(k => k.Length > 0).Select(k => k.ToLowerInvariant()).Distinct(StringComparer.Ordinal)
                    .OrderBy(k => k, StringComparer.Ordinal).ToEquatableArray();
        }

        if (overrides.Count > 0)
        {
            model = model with { Ioctls = model.Ioctls.Select(i => overrides.TryGetValue(i.Name, out EquatableArray<string> kinds) ? i with { Kinds = kinds } : i).ToEquatableArray() };
        }

        return WithoutCollidingMarkers(model, problems);
    }

    /// <summary>Drops the kinds of every request whose kind or kind set has a marker name another kind or set also gets.</summary>
    private static AbiModel WithoutCollidingMarkers(AbiModel model, List<EmitDiagnostic> problems)
    {
        // Marker name -> the kinds and sets (as "a,b") that want it.
        var wanted = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        void Want(string name, string key)
        {
            if (!wanted.TryGetValue(name, out SortedSet<string>? keys))
            {
                wanted[name] = keys = new SortedSet<string>(StringComparer.Ordinal);
            }

            keys.Add(key);
        }

        foreach (AbiIoctl ioctl in model.Ioctls.Where(i => i.Kinds.Count > 0))
        {
            foreach (string kind in ioctl.Kinds)
            {
                Want(MarkerName(kind), kind);
            }

            if (ioctl.Kinds.Count > 1)
            {
                Want(SetName(ioctl.Kinds), string.Join(",", ioctl.Kinds));
            }
        }

        var colliding = new HashSet<string>(wanted.Where(w => w.Value.Count > 1).Select(w => w.Key), StringComparer.Ordinal);
        if (colliding.Count == 0)
        {
            return model;
        }

        return model with
        {
            Ioctls = model.Ioctls.Select(i =>
            {
                string? clash = i.Kinds.Select(MarkerName).Concat(i.Kinds.Count > 1 ? new[] { SetName(i.Kinds) } : Array.Empty<string>())
                    .FirstOrDefault(colliding.Contains);
                if (clash is null)
                {
                    return i;
                }

                problems.Add(new EmitDiagnostic(
                    MshvDiagnostics.NameCollision,
                    "The fd kinds " + string.Join(" and ", wanted[clash].Select(k => "'" + k + "'")) + " would both be the marker class '" + clash
                    + "'; ioctl " + i.Name + " is emitted without kinds (accepted on any descriptor). Rename a kind with a 'kinds' line",
                    i.Location));
                return i with { Kinds = EquatableArray<string>.Empty };
            }).ToEquatableArray(),
        };
    }

    /// <summary>The marker class of one kind (<c>vcpu</c> → <c>Vcpu</c>).</summary>
    public static string MarkerName(string kind) => CSharpNames.PascalCase(kind);

    /// <summary>The marker a request's descriptor names: its kind, or the set of its kinds (<c>SystemOrVm</c>).</summary>
    public static string SetName(EquatableArray<string> kinds) => string.Join("Or", kinds.Select(MarkerName));

    /// <summary>The <c>{Prefix}FdKinds</c> class: one marker per kind (accepted on itself) and one per set of kinds.</summary>
    public static void Emit(IndentedWriter writer, EmissionContext context)
    {
        string access = context.Options.EmitIoctlSupportTypes ? "internal" : "public";
        List<string> kinds = context.Model.Ioctls.SelectMany(i => i.Kinds).Distinct(StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal).ToList();
        List<EquatableArray<string>> sets = context.Model.Ioctls.Where(i => i.Kinds.Count > 1).Select(i => i.Kinds).Distinct()
            .OrderBy(SetName, StringComparer.Ordinal).ToList();
        writer.Summary("The kinds of file descriptor the requests of " + CSharpNames.Xml(string.Join(", ", context.Model.Headers)) + " are accepted on: "
            + "type arguments of <c>FileDescriptorHandle&lt;TKind&gt;</c>. From the headers' section comments and the selection files' <c>kinds</c> lines.");
        writer.Open(access + " static partial class " + context.FdKindsClass);
        bool first = true;
        foreach (string kind in kinds)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            string name = MarkerName(kind);
            writer.Summary("Descriptors of kind <c>" + kind + "</c>.");
            writer.Open("public sealed class " + name + " : " + IoctlSupportEmitter.Qualified(context.Options, "IAcceptedOn") + "<" + name + ">");
            writer.Line("private " + name + "() { }");
            writer.Close();
        }

        foreach (EquatableArray<string> set in sets)
        {
            string name = SetName(set);
            writer.Line();
            writer.Summary("Requests accepted on descriptors of kinds " + string.Join(", ", set.Select(k => "<c>" + k + "</c>")) + ".");
            writer.Open("public sealed class " + name + " : " + string.Join(", ", set.Select(k => IoctlSupportEmitter.Qualified(context.Options, "IAcceptedOn") + "<" + MarkerName(k) + ">")));
            writer.Line("private " + name + "() { }");
            writer.Close();
        }

        writer.Close();
    }
}
