using System.Collections.Generic;
using System.Linq;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>A function-like macro: <c>#define NAME(Parameters) Body</c>.</summary>
internal sealed record FunctionMacro(IReadOnlyList<string> Parameters, bool IsVariadic, IReadOnlyList<string> Body);

/// <summary>
/// The function-like macros of the whole translation unit, wherever defined: an ioctl wrapper such as DRM's
/// <c>DRM_IOWR</c> may live in another header than the requests built with it.
/// </summary>
internal static class FunctionMacros
{
    public static unsafe Dictionary<string, FunctionMacro> Collect(TranslationUnit unit, DeclarationIndex index)
    {
        var macros = new Dictionary<string, FunctionMacro>(System.StringComparer.Ordinal);
        foreach (CXCursor cursor in index.Macros)
        {
            if (LibClang.clang_Cursor_isMacroFunctionLike(cursor) == 0)
            {
                continue;
            }

            var tokens = Clang.Tokens(unit.Handle, cursor).Select(t => t.Text).ToList();
            int close = tokens.IndexOf(")");
            if (tokens.Count < 3 || tokens[1] != "(" || close < 0 || macros.ContainsKey(tokens[0]))
            {
                continue;
            }

            var parameters = tokens.Skip(2).Take(close - 2).Where(t => t != ",").ToList();
            bool variadic = parameters.Count > 0 && parameters[^1] == "...";
            macros[tokens[0]] = new FunctionMacro(variadic ? parameters.Take(parameters.Count - 1).ToList() : parameters, variadic, tokens.Skip(close + 1).ToList());
        }

        return macros;
    }
}
