using System.Collections.Generic;
using System.Linq;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>A function-like macro: <c>#define NAME(Parameters) Body</c>.</summary>
internal sealed record FunctionMacro(IReadOnlyList<string> Parameters, bool IsVariadic, IReadOnlyList<string> Body);

/// <summary>
/// The function-like macros of the whole translation unit, wherever defined: an ioctl wrapper such as DRM's
/// <c>DRM_IOWR</c> may live in another header than the requests built with it. A macro is tokenized only when it
/// is asked for: a translation unit defines thousands, and a scan needs the few its requests are built with.
/// </summary>
internal sealed unsafe class FunctionMacros
{
    private readonly MacroTokens _tokens;
    private readonly Dictionary<string, List<CXCursor>> _definitions = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, FunctionMacro?> _read = new(System.StringComparer.Ordinal);

    private FunctionMacros(MacroTokens tokens) => _tokens = tokens;

    public static FunctionMacros Collect(TranslationUnit unit, DeclarationIndex index, MacroTokens? tokens = null)
    {
        var macros = new FunctionMacros(tokens ?? new MacroTokens(unit));
        foreach (CXCursor cursor in index.Macros)
        {
            if (LibClang.clang_Cursor_isMacroFunctionLike(cursor) == 0)
            {
                continue;
            }

            string name = index.MacroName(cursor);
            if (!macros._definitions.TryGetValue(name, out List<CXCursor>? cursors))
            {
                cursors = new List<CXCursor>();
                macros._definitions[name] = cursors;
            }

            cursors.Add(cursor);
        }

        return macros;
    }

    /// <summary>The first well-formed definition of <paramref name="name"/>, read on first use.</summary>
    public bool TryGetValue(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FunctionMacro? macro)
    {
        if (!_read.TryGetValue(name, out macro))
        {
            macro = _definitions.TryGetValue(name, out List<CXCursor>? cursors) ? cursors.Select(Read).FirstOrDefault(m => m is not null) : null;
            _read[name] = macro;
        }

        return macro is not null;
    }

    /// <summary>The first definition of <paramref name="name"/> (where its comments are), or null.</summary>
    public CXCursor? Definition(string name) =>
        _definitions.TryGetValue(name, out List<CXCursor>? cursors) && cursors.Count > 0 ? cursors[0] : null;

    private FunctionMacro? Read(CXCursor cursor)
    {
        var tokens = _tokens.Of(cursor).Select(t => t.Text).ToList();
        int close = tokens.IndexOf(")");
        if (tokens.Count < 3 || tokens[1] != "(" || close < 0)
        {
            return null;
        }

        var parameters = tokens.Skip(2).Take(close - 2).Where(t => t != ",").ToList();
        bool variadic = parameters.Count > 0 && parameters[^1] == "...";
        return new FunctionMacro(variadic ? parameters.Take(parameters.Count - 1).ToList() : parameters, variadic, tokens.Skip(close + 1).ToList());
    }
}
