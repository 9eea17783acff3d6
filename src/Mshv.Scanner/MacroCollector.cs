using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>An object-like macro with a body, as written in a scanned header.</summary>
internal sealed record MacroDefinition(string Name, IReadOnlyList<string> Body, IReadOnlyList<CXTokenKind> Kinds, SourceLocation Location, string File, int Line)
{
    /// <summary>The kernel's comment on the macro (above it, or after its body), for the macro and its ioctl.</summary>
    public string? Doc { get; init; }

    /// <summary>The body's tokens, spaced as C is usually written.</summary>
    public string Expansion => TokenSpelling.Join(Body);
}

/// <summary>Finds the object-like macros with a non-empty body defined in the scanned headers.</summary>
internal static class MacroCollector
{
    /// <summary>The first definition of each name (a list has each name once, so this is each definition by name).</summary>
    public static Dictionary<string, MacroDefinition> ByName(IEnumerable<MacroDefinition> macros)
    {
        var byName = new Dictionary<string, MacroDefinition>(System.StringComparer.Ordinal);
        foreach (MacroDefinition macro in macros)
        {
            byName.TryAdd(macro.Name, macro);
        }

        return byName;
    }

    public static unsafe List<MacroDefinition> Collect(
        TranslationUnit unit, DeclarationIndex index, SourceFiles files, Docs.DocumentationIndex? docs = null, MacroTokens? macroTokens = null)
    {
        macroTokens ??= new MacroTokens(unit);
        var macros = new List<MacroDefinition>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (CXCursor cursor in index.Macros.Where(files.IsListed))
        {
            if (LibClang.clang_Cursor_isMacroFunctionLike(cursor) != 0)
            {
                continue;
            }

            var tokens = macroTokens.Of(cursor);
            string name = index.MacroName(cursor);
            // The extent starts at the macro's name; the body follows it.
            if (tokens.Count < 2 || tokens[0].Text != name || !seen.Add(name))
            {
                continue;
            }

            (string? file, int line) = files.RealLocation(cursor);
            macros.Add(new MacroDefinition(
                name,
                tokens.Skip(1).Select(t => t.Text).ToArray(),
                tokens.Skip(1).Select(t => t.Kind).ToArray(),
                files.Locate(cursor),
                file ?? string.Empty,
                line)
            {
                Doc = docs?.Of(cursor, name),
            });
        }

        return macros;
    }
}
