using System;
using System.Collections.Generic;

namespace Mshv.Scanner.Evaluation;

/// <summary>
/// Expands macros in a token list as the C preprocessor does for the forms uapi headers use: object-like macros,
/// function-like macros with their arguments expanded first, the result rescanned with the macro's own name left
/// alone (C11 6.10.3.4). Stringizing, pasting, variadic macros, a function-like name without its argument list and
/// anything deeper than <see cref="MaxDepth"/> are not modeled: the expansion is then null and the probe decides.
/// </summary>
internal sealed class MacroExpander
{
    private const int MaxDepth = 64;

    private readonly MacroTable _macros;
    private readonly HashSet<string> _active = new(StringComparer.Ordinal);

    public MacroExpander(MacroTable macros) => _macros = macros;

    public IReadOnlyList<string>? Expand(IReadOnlyList<string> tokens)
    {
        _active.Clear();
        return Expand(tokens, _active, 0);
    }

    private IReadOnlyList<string>? Expand(IReadOnlyList<string> tokens, HashSet<string> active, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        if (!HasMacro(tokens, active))
        {
            // Most replacement lists are numbers and operators: nothing to copy.
            return tokens;
        }

        var output = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (!CTokens.IsIdentifier(token) || active.Contains(token) || !_macros.IsDefined(token))
            {
                // A name being replaced is not replaced again: it stays an identifier (an enumerator, usually).
                output.Add(token);
                continue;
            }

            if (_macros.Find(token) is not MacroBody body)
            {
                return null;
            }

            IReadOnlyList<string> replaced;
            if (body.Parameters is null)
            {
                replaced = body.Tokens;
            }
            else
            {
                int close = i + 1 < tokens.Count && tokens[i + 1] == "(" ? IoctlForm.CloseOf(tokens, i + 1) : -1;
                if (close < 0 || Substitute(body, IoctlForm.SplitArguments(tokens, i + 2, close), active, depth) is not List<string> substituted)
                {
                    return null;
                }

                replaced = substituted;
                i = close;
            }

            active.Add(token);
            IReadOnlyList<string>? rescanned = Expand(replaced, active, depth + 1);
            active.Remove(token);
            if (rescanned is null)
            {
                return null;
            }

            output.AddRange(rescanned);
        }

        return output;
    }

    private List<string>? Substitute(MacroBody macro, List<List<string>> arguments, HashSet<string> active, int depth)
    {
        IReadOnlyList<string> parameters = macro.Parameters!;
        bool countMatches = parameters.Count == 0 ? arguments.Count == 1 && arguments[0].Count == 0 : arguments.Count == parameters.Count;
        if (!countMatches)
        {
            return null;
        }

        var expanded = new IReadOnlyList<string>?[arguments.Count];
        var result = new List<string>(macro.Tokens.Count);
        IReadOnlyList<string> body = macro.Tokens;
        for (int k = 0; k < body.Count; k++)
        {
            string token = body[k];
            if (token is "#" or "#@")
            {
                return null;
            }

            if (token == "##")
            {
                // Pasting (C11 6.10.3.3) with the operand's tokens as written; an empty operand is not modeled.
                if (result.Count == 0 || k + 1 >= body.Count || body[k + 1] is "#" or "##" or "#@")
                {
                    return null;
                }

                string next = body[++k];
                int right = MacroParameters.IndexOf(parameters, next);
                IReadOnlyList<string> operand = right >= 0 ? arguments[right] : new[] { next };
                string pasted = result[^1] + (operand.Count > 0 ? operand[0] : string.Empty);
                if (operand.Count == 0 || !IsOneToken(pasted))
                {
                    return null;
                }

                result[^1] = pasted;
                for (int r = 1; r < operand.Count; r++)
                {
                    result.Add(operand[r]);
                }

                continue;
            }

            int parameter = MacroParameters.IndexOf(parameters, token);
            if (parameter < 0)
            {
                result.Add(token);
                continue;
            }

            if (k + 1 < body.Count && body[k + 1] == "##")
            {
                if (arguments[parameter].Count == 0)
                {
                    return null;
                }

                result.AddRange(arguments[parameter]);
                continue;
            }

            expanded[parameter] ??= Expand(arguments[parameter], active, depth + 1);
            if (expanded[parameter] is not IReadOnlyList<string> argument)
            {
                return null;
            }

            result.AddRange(argument);
        }

        return result;
    }

    /// <summary>Whether a pasted spelling is one identifier or one number (what uapi headers paste: <c>1 ## UL</c>).</summary>
    private static bool IsOneToken(string text)
    {
        if (text.Length == 0 || !(char.IsAsciiLetterOrDigit(text[0]) || text[0] == '_'))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || (c == '.' && char.IsAsciiDigit(text[0]))))
            {
                return false;
            }
        }

        return true;
    }

    private bool HasMacro(IReadOnlyList<string> tokens, HashSet<string> active)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (CTokens.IsIdentifier(token) && !active.Contains(token) && _macros.IsDefined(token))
            {
                return true;
            }
        }

        return false;
    }
}
