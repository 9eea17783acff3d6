using System;
using System.Collections.Generic;
using System.Linq;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner.Evaluation;

/// <summary>
/// The macros in effect at the end of a translation unit, where the macro probe evaluates them, read from the first
/// parse. A name defined more than once with different bodies, defined outside a file (the command line, clang's
/// builtins), or named by an <c>#undef</c> anywhere in the files read is not known here: the probe decides those.
/// Definitions are tokenized only when an evaluation reaches them.
/// </summary>
internal sealed unsafe class MacroTable
{
    private readonly MacroTokens _tokens;
    private readonly HashSet<string> _names;

    /// <summary>Each name's first definition; a name defined more than once also has the others in <see cref="_more"/>.</summary>
    private readonly Dictionary<string, CXCursor> _first;
    private readonly Dictionary<string, List<CXCursor>> _more = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MacroBody?> _read;
    private readonly HashSet<string> _undefined;

    public MacroTable(MacroTokens tokens, DeclarationIndex index, HashSet<string> undefined)
    {
        _tokens = tokens;
        _undefined = undefined;
        _names = index.MacroNames;
        // Sized once: a table of every macro of the unit is large, and each regrowth would be another large-object allocation.
        _first = new Dictionary<string, CXCursor>(_names.Count, StringComparer.Ordinal);
        _read = new Dictionary<string, MacroBody?>(_names.Count, StringComparer.Ordinal);
        foreach (CXCursor cursor in index.Macros)
        {
            string name = index.MacroName(cursor);
            if (_first.TryAdd(name, cursor))
            {
                continue;
            }

            if (!_more.TryGetValue(name, out List<CXCursor>? cursors))
            {
                cursors = new List<CXCursor>(1);
                _more[name] = cursors;
            }

            cursors.Add(cursor);
        }
    }

    /// <summary>Whether <paramref name="name"/> is defined at all (then an evaluation that cannot read it fails).</summary>
    public bool IsDefined(string name) => _names.Contains(name);

    /// <summary>The definition in effect at the end of the unit, or null when it is not known exactly.</summary>
    public MacroBody? Find(string name)
    {
        if (!_read.TryGetValue(name, out MacroBody? body))
        {
            body = Read(name);
            _read[name] = body;
        }

        return body;
    }

    /// <summary>
    /// The first token of an object-like macro's expansion, following object-like macros that begin with another one,
    /// or null when that is not known here (a function-like macro first, an empty body, a definition not known exactly).
    /// </summary>
    public string? FirstToken(string name)
    {
        string current = name;
        for (int depth = 0; depth < 64; depth++)
        {
            if (Find(current) is not MacroBody { Parameters: null } body || body.Tokens.Count == 0)
            {
                return null;
            }

            string first = body.Tokens[0];
            if (!CTokens.IsIdentifier(first) || !IsDefined(first) || first == name || first == current)
            {
                // A name being expanded is not expanded again inside itself.
                return first;
            }

            current = first;
        }

        return null;
    }

    private MacroBody? Read(string name)
    {
        if (_undefined.Contains(name) || !_first.TryGetValue(name, out CXCursor cursor) || Read(cursor, name) is not MacroBody first)
        {
            return null;
        }

        if (_more.TryGetValue(name, out List<CXCursor>? others))
        {
            foreach (CXCursor other in others)
            {
                if (Read(other, name) is not MacroBody body || !first.SameAs(body))
                {
                    return null;
                }
            }
        }

        return first;
    }

    private MacroBody? Read(CXCursor cursor, string name)
    {
        if (Clang.Location(cursor).File == 0)
        {
            return null;
        }

        List<(string Text, CXTokenKind Kind)> tokens = _tokens.Of(cursor);
        if (tokens.Exists(t => t.Kind == CXTokenKind.Comment))
        {
            // libclang's tokens keep comments, which the preprocessor reads as white space.
            tokens = tokens.FindAll(t => t.Kind != CXTokenKind.Comment);
        }

        if (tokens.Count == 0 || tokens[0].Text != name)
        {
            return null;
        }

        if (LibClang.clang_Cursor_isMacroFunctionLike(cursor) == 0)
        {
            return new MacroBody(null, Texts(tokens, 1, tokens.Count));
        }

        int close = -1;
        for (int i = 1; i < tokens.Count && close < 0; i++)
        {
            close = tokens[i].Text == ")" ? i : -1;
        }

        if (tokens.Count < 3 || tokens[1].Text != "(" || close < 0)
        {
            return null;
        }

        var parameters = new List<string>((close - 1) / 2);
        for (int i = 2; i < close; i++)
        {
            string parameter = tokens[i].Text;
            if (parameter == "...")
            {
                return null;
            }

            if (parameter != ",")
            {
                parameters.Add(parameter);
            }
        }

        return new MacroBody(parameters, Texts(tokens, close + 1, tokens.Count));
    }

    private static string[] Texts(List<(string Text, CXTokenKind Kind)> tokens, int start, int end)
    {
        var texts = new string[end - start];
        for (int i = start; i < end; i++)
        {
            texts[i - start] = tokens[i].Text;
        }

        return texts;
    }
}

/// <summary>A macro's replacement list; <see cref="Parameters"/> is null for an object-like macro.</summary>
internal sealed record MacroBody(IReadOnlyList<string>? Parameters, IReadOnlyList<string> Tokens)
{
    public bool SameAs(MacroBody other) =>
        (Parameters is null ? other.Parameters is null : other.Parameters is not null && Parameters.SequenceEqual(other.Parameters, StringComparer.Ordinal))
        && Tokens.SequenceEqual(other.Tokens, StringComparer.Ordinal);
}
