using System;
using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Helpers;
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

    /// <summary>The model with every <c>kinds</c> directive applied (the last line for a request wins).</summary>
    public static AbiModel Apply(AbiModel model, EquatableArray<SelectionDirective> directives)
    {
        var overrides = new Dictionary<string, EquatableArray<string>>(StringComparer.Ordinal);
        foreach (SelectionDirective directive in directives.Where(d => d.Keyword == SelectionDirective.Kinds && d.Arguments.Count == 2))
        {
            overrides[directive.Arguments[0]] = directive.Arguments[1] == Unknown
                ? EquatableArray<string>.Empty
                : directive.Arguments[1].Split(',').Where(k => k.Length > 0).Select(k => k.ToLowerInvariant()).Distinct(StringComparer.Ordinal)
                    .OrderBy(k => k, StringComparer.Ordinal).ToEquatableArray();
        }

        return overrides.Count == 0
            ? model
            : model with { Ioctls = model.Ioctls.Select(i => overrides.TryGetValue(i.Name, out EquatableArray<string> kinds) ? i with { Kinds = kinds } : i).ToEquatableArray() };
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
