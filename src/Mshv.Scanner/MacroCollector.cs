using System.Collections.Generic;
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
        foreach (CXCursor cursor in index.Macros)
        {
            if (!files.IsListed(cursor) || LibClang.clang_Cursor_isMacroFunctionLike(cursor) != 0)
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

            // The body: every token after the name, spellings and kinds side by side.
            var body = new string[tokens.Count - 1];
            var kinds = new CXTokenKind[tokens.Count - 1];
            for (int i = 1; i < tokens.Count; i++)
            {
                (body[i - 1], kinds[i - 1]) = tokens[i];
            }

            (string? file, int line) = files.RealLocation(cursor);
            macros.Add(new MacroDefinition(
                name,
                body,
                kinds,
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
