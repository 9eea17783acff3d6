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

    /// <summary>
    /// Tokens one expansion may produce or read. A macro that doubles itself at each level (<c>#define A1 (A0 + A0)</c>,
    /// and so on) reaches 2^40 tokens in 40 lines; real headers stay far below (kvm.h's longest is a few hundred).
    /// </summary>
    public const int MaxTokens = 1 << 20;

    private int _work;

    private readonly MacroTable _macros;
    private readonly HashSet<string> _active = new(StringComparer.Ordinal);

    /// <summary>The expansion <see cref="Expand"/> returns, reused by the next call.</summary>
    private readonly List<string> _output = new(256);

    /// <summary>Lists for substituted bodies and expanded arguments, each returned once its expansion is read.</summary>
    private readonly Stack<List<string>> _free = new();

    public MacroExpander(MacroTable macros) => _macros = macros;

    /// <summary>
    /// The expansion of <paramref name="tokens"/>, or null when it is not modeled. The list returned is valid until the
    /// next call (every caller reads it at once): thousands of macros are expanded without a list each.
    /// </summary>
    public IReadOnlyList<string>? Expand(IReadOnlyList<string> tokens)
    {
        _active.Clear();
        _work = 0;
        TooLarge = false;
        if (!HasMacro(tokens, 0, tokens.Count, _active))
        {
            // Most replacement lists are numbers and operators: nothing to copy.
            return tokens;
        }

        _output.Clear();
        return ExpandInto(tokens, 0, tokens.Count, _output, _active, 0) ? _output : null;
    }

    /// <summary>Whether the last <see cref="Expand"/> gave up at <see cref="MaxTokens"/>: clang would not finish either.</summary>
    public bool TooLarge { get; private set; }

    private List<string> Rent() => _free.Count > 0 ? _free.Pop() : new List<string>(64);

    private void Return(List<string> list)
    {
        list.Clear();
        _free.Push(list);
    }

    /// <summary>
    /// Appends the expansion of <paramref name="tokens"/> from <paramref name="start"/> to <paramref name="end"/> (exclusive)
    /// to <paramref name="output"/>: each replacement is rescanned straight into it, so a nested expansion copies no list of
    /// its own. False when something is not modeled (then the output is garbage and the whole expansion fails).
    /// </summary>
    private bool ExpandInto(IReadOnlyList<string> tokens, int start, int end, List<string> output, HashSet<string> active, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        for (int i = start; i < end; i++)
        {
            if (++_work > MaxTokens)
            {
                TooLarge = true;
                return false;
            }

            string token = tokens[i];
            if (!CTokens.IsIdentifier(token) || active.Contains(token) || !_macros.IsDefined(token))
            {
                // A name being replaced is not replaced again: it stays an identifier (an enumerator, usually).
                output.Add(token);
                continue;
            }

            if (_macros.Find(token) is not MacroBody body)
            {
                return false;
            }

            IReadOnlyList<string> replaced;
            if (body.Parameters is null)
            {
                replaced = body.Tokens;
            }
            else
            {
                int close = i + 1 < end && tokens[i + 1] == "(" ? IoctlForm.CloseOf(tokens, i + 1, end) : -1;
                if (close < 0 || Substitute(body, tokens, i + 2, close, active, depth) is not List<string> substituted)
                {
                    return false;
                }

                replaced = substituted;
                i = close;
            }

            active.Add(token);
            bool expanded = ExpandInto(replaced, 0, replaced.Count, output, active, depth + 1);
            active.Remove(token);
            if (body.Parameters is not null)
            {
                Return((List<string>)replaced);
            }

            if (!expanded)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The macro's body with the call's arguments (between <paramref name="start"/> and <paramref name="end"/>) in place
    /// of its parameters.
    /// </summary>
    private List<string>? Substitute(MacroBody macro, IReadOnlyList<string> call, int start, int end, HashSet<string> active, int depth)
    {
        IReadOnlyList<string> parameters = macro.Parameters!;
        List<(int Start, int End)> arguments = SplitArguments(call, start, end);
        bool countMatches = parameters.Count == 0
            ? arguments.Count == 1 && arguments[0].End == arguments[0].Start
            : arguments.Count == parameters.Count;
        if (!countMatches)
        {
            return null;
        }

        List<string>?[]? expanded = null;
        List<string> result = Rent();
        List<string>? substituted = Substitute(macro, call, arguments, result, active, depth, ref expanded);
        if (expanded is not null)
        {
            foreach (List<string>? argument in expanded)
            {
                if (argument is not null)
                {
                    Return(argument);
                }
            }
        }

        if (substituted is null)
        {
            Return(result);
        }

        return substituted;
    }

    private List<string>? Substitute(
        MacroBody macro, IReadOnlyList<string> call, List<(int Start, int End)> arguments, List<string> result,
        HashSet<string> active, int depth, ref List<string>?[]? expanded)
    {
        IReadOnlyList<string> parameters = macro.Parameters!;
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
                (int operandStart, int operandEnd) = right >= 0 ? arguments[right] : (-1, -1);
                string? first = right < 0 ? next : operandEnd > operandStart ? call[operandStart] : null;
                if (first is null)
                {
                    return null;
                }

                string pasted = result[^1] + first;
                if (!IsOneToken(pasted))
                {
                    return null;
                }

                result[^1] = pasted;
                for (int r = operandStart + 1; right >= 0 && r < operandEnd; r++)
                {
                    result.Add(call[r]);
                }

                continue;
            }

            int parameter = MacroParameters.IndexOf(parameters, token);
            if (parameter < 0)
            {
                result.Add(token);
                continue;
            }

            (int argumentStart, int argumentEnd) = arguments[parameter];
            if (k + 1 < body.Count && body[k + 1] == "##")
            {
                if (argumentEnd == argumentStart)
                {
                    return null;
                }

                AddRange(result, call, argumentStart, argumentEnd);
                continue;
            }

            if (!HasMacro(call, argumentStart, argumentEnd, active))
            {
                // Nothing to expand (and nothing too deep: an argument without macros is copied as it is).
                if (depth + 1 > MaxDepth)
                {
                    return null;
                }

                AddRange(result, call, argumentStart, argumentEnd);
                continue;
            }

            expanded ??= new List<string>?[arguments.Count];
            if (expanded[parameter] is null)
            {
                List<string> argument = Rent();
                expanded[parameter] = argument;
                if (!ExpandInto(call, argumentStart, argumentEnd, argument, active, depth + 1))
                {
                    return null;
                }

            }

            result.AddRange(expanded[parameter]!);
        }

        return result;
    }

    private static void AddRange(List<string> list, IReadOnlyList<string> tokens, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            list.Add(tokens[i]);
        }
    }

    /// <summary>
    /// The ranges between <paramref name="start"/> and <paramref name="end"/> (exclusive) at top-level commas, as
    /// <see cref="IoctlForm.SplitArguments"/> splits them.
    /// </summary>
    private static List<(int Start, int End)> SplitArguments(IReadOnlyList<string> tokens, int start, int end)
    {
        var arguments = new List<(int, int)>(4);
        int depth = 0;
        int argumentStart = start;
        for (int i = start; i < end; i++)
        {
            string token = tokens[i];
            depth += token is "(" or "[" ? 1 : token is ")" or "]" ? -1 : 0;
            if (token == "," && depth == 0)
            {
                arguments.Add((argumentStart, i));
                argumentStart = i + 1;
            }
        }

        arguments.Add((argumentStart, end));
        return arguments;
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

    private bool HasMacro(IReadOnlyList<string> tokens, int start, int end, HashSet<string> active)
    {
        for (int i = start; i < end; i++)
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
