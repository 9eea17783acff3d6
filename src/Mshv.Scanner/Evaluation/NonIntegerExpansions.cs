using System.Collections.Generic;

namespace Mshv.Scanner.Evaluation;

/// <summary>
/// Expansions that the probe's <c>static const __auto_type v = (NAME);</c> certainly gives no integer value, whatever the
/// headers declare: clang rejects the line, or its type is not an integer. Only forms whose outcome C's grammar or types
/// decide are listed; anything else still goes to clang. For a request this is not enough (its warning quotes clang's
/// own words), so the caller still probes those.
/// </summary>
internal static class NonIntegerExpansions
{
    /// <summary>Keywords that start neither an expression nor a type name (<c>__extension__</c> does start an expression).</summary>
    private static readonly HashSet<string> NonExpressionKeywords = new(System.StringComparer.Ordinal)
    {
        "__attribute__", "__attribute", "inline", "__inline", "__inline__", "static", "extern", "typedef", "register", "auto",
    };

    /// <summary>
    /// Whether <paramref name="expanded"/> (<c>( … )</c>, the probe's parentheses included) certainly has no integer value.
    /// </summary>
    public static bool Certain(IReadOnlyList<string> expanded, CTypeNames types)
    {
        // The probe's own parentheses must wrap the whole expansion: `#define X int)(3` makes `( int)(3 )`, a cast.
        int count = expanded.Count;
        if (count < 2 || expanded[0] != "(" || expanded[count - 1] != ")"
            || IoctlForm.CloseOf(expanded, 0) != count - 1)
        {
            return false;
        }

        if (count == 2)
        {
            // "= ();": an expression is expected.
            return true;
        }

        string first = expanded[1];
        // "({" is a statement expression, which clang does not allow at file scope; a type name after "(" makes the
        // probe's own parentheses a cast (or compound literal) with nothing to cast, or a type name where an expression
        // belongs; a declaration keyword is no expression; "( ," and ", )" leave an operand of the comma out.
        if (first == "{" || first == "," || expanded[count - 2] == "," || types.StartsTypeName(first)
            || NonExpressionKeywords.Contains(first))
        {
            return true;
        }

        return OnlyStrings(expanded) || LoneFloating(expanded) || CallsUndeclared(expanded, types);
    }

    /// <summary>
    /// String literals only (concatenated), or a comma list of them: an array, which <c>__auto_type</c> turns into a
    /// pointer (a comma expression has its last operand's type).
    /// </summary>
    private static bool OnlyStrings(IReadOnlyList<string> expanded)
    {
        for (int i = 1; i < expanded.Count - 1; i++)
        {
            if (!CTokens.IsStringLiteral(expanded[i]) && !(expanded[i] == "," && CTokens.IsStringLiteral(expanded[i - 1])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One floating constant (<c>3.6</c>, <c>1e3</c>, <c>0x1p4</c>): a <c>double</c> or <c>float</c>.</summary>
    private static bool LoneFloating(IReadOnlyList<string> expanded)
    {
        if (expanded.Count != 3 || !CTokens.IsNumber(expanded[1]))
        {
            return false;
        }

        string number = expanded[1];
        bool hex = number.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase);
        return number.Contains('.') || (hex ? number.IndexOfAny(new[] { 'p', 'P' }) >= 0 : number.IndexOfAny(new[] { 'e', 'E' }) >= 0);
    }

    /// <summary>
    /// A call of a function nothing declares, named with an upper-case letter (no C library builtin is, so clang cannot
    /// fold it), where it is evaluated: a call is no constant a static initializer may hold, whether the implicit
    /// declaration is an error (clang 16 and later, C99 and later) or only a warning (an older libclang, a pragma). Not
    /// where an operand may go unevaluated: <c>sizeof(FOO(1))</c>, <c>_Generic</c>, a builtin, or the branch that
    /// <c>&amp;&amp;</c>, <c>||</c> or <c>?:</c> skips can leave a constant whose value clang gives when the declaration
    /// only warns.
    /// </summary>
    private static bool CallsUndeclared(IReadOnlyList<string> expanded, CTypeNames types)
    {
        foreach (string token in expanded)
        {
            if (MayLeaveUnevaluated(token))
            {
                return false;
            }
        }

        for (int i = 1; i + 1 < expanded.Count - 1; i++)
        {
            string name = expanded[i];
            if (expanded[i + 1] != "(" || !CTokens.IsIdentifier(name) || name[0] == '_' || !HasUpperCase(name) || !types.IsUndeclared(name))
            {
                continue;
            }

            string before = expanded[i - 1];
            if (before is not ("." or "->" or "struct" or "union" or "enum"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MayLeaveUnevaluated(string token) =>
        token is "sizeof" or "_Alignof" or "__alignof__" or "__alignof" or "alignof" or "typeof" or "__typeof__" or "__typeof"
            or "typeof_unqual" or "__typeof_unqual__" or "_Generic" or "&&" or "||" or "?"
        || token.StartsWith("__builtin", System.StringComparison.Ordinal);

    private static bool HasUpperCase(string name)
    {
        foreach (char c in name)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                return true;
            }
        }

        return false;
    }
}
