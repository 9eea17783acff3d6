using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Models;

namespace Mshv.Generator.Selection;

/// <summary>
/// The directive lines a generator cannot apply (MSHV0022), each at its selection-file line: a kinds or argument
/// restriction the user asked for must not be lost silently. Those lines are left out when the directives are applied.
/// </summary>
public static class DirectiveCheck
{
    public static bool IsWellFormed(SelectionDirective directive) => Problem(directive) is null;

    public static IEnumerable<EmitDiagnostic> Malformed(IEnumerable<SelectionDirective> directives) =>
        directives.Select(d => (Directive: d, Problem: Problem(d)))
            .Where(p => p.Problem is not null)
            .Select(p => new EmitDiagnostic(MshvDiagnostics.MalformedDirective, p.Problem!, p.Directive.Location));

    /// <summary>
    /// Well-formed directives naming something no model has (MSHV0006, a warning like an unknown selected name): a request
    /// or request builder for <c>kinds</c> and <c>argument</c>, a record for <c>count</c>.
    /// </summary>
    public static IEnumerable<EmitDiagnostic> Unknown(IEnumerable<SelectionDirective> directives, IReadOnlyList<AbiModel> models)
    {
        var requests = new HashSet<string>(models.SelectMany(m => m.Ioctls.Select(i => i.Name).Concat(m.RequestBuilders.Select(b => b.Name))), System.StringComparer.Ordinal);
        var records = new HashSet<string>(models.SelectMany(m => m.Records.Select(r => r.Name)), System.StringComparer.Ordinal);
        foreach (SelectionDirective directive in directives.Where(IsWellFormed))
        {
            bool known = directive.Keyword == SelectionDirective.Count ? records.Contains(directive.Arguments[0]) : requests.Contains(directive.Arguments[0]);
            if (!known)
            {
                yield return new EmitDiagnostic(
                    MshvDiagnostics.UnknownSelection,
                    "'" + directive.Keyword + " " + string.Join(" ", directive.Arguments) + "' names " + (directive.Keyword == SelectionDirective.Count ? "a record" : "a request")
                    + " '" + directive.Arguments[0] + "' that no ABI model has; the line does nothing",
                    directive.Location);
            }
        }
    }

    /// <summary>A kind as a marker class can be named from: a letter, then letters, digits and '_' (lower-cased when applied).</summary>
    public static bool IsKind(string kind) =>
        kind.Length > 0 && IsAsciiLetter(kind[0]) && kind.All(c => IsAsciiLetter(c) || c is (>= '0' and <= '9') or '_');

    private static string? Problem(SelectionDirective directive)
    {
        string line = directive.Keyword + " " + string.Join(" ", directive.Arguments);
        return directive.Keyword switch
        {
            SelectionDirective.Count when directive.Arguments.Count != 2 => "'" + line + "' is not 'count RECORD FIELD' or 'count RECORD -'",
            SelectionDirective.Kinds when directive.Arguments.Count != 2 =>
                "'" + line + "' is not 'kinds REQUEST KIND[,KIND…]' or 'kinds REQUEST -' (kinds are separated by commas, without spaces)",
            SelectionDirective.Kinds when directive.Arguments[1] != "-" && !directive.Arguments[1].Split(',').Where(k => k.Length > 0).All(IsKind) =>
                "'" + line + "' names a kind that is not a letter followed by letters, digits or '_'",
            SelectionDirective.Argument when directive.Arguments.Count != 2 || directive.Arguments[1] != "-" =>
                "'" + line + "' is not 'argument REQUEST -' (the only form: the request gets its constant and no typed descriptor)",
            _ => null,
        };
    }

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
