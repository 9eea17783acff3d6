using System.Collections.Generic;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>
/// The tokens of each macro definition of one translation unit, tokenized once: the macro list, the function-like
/// macros and the macro evaluator all read the same definitions.
/// </summary>
internal sealed unsafe class MacroTokens
{
    private readonly TranslationUnit _unit;
    private readonly Dictionary<nint, List<(string Text, CXTokenKind Kind)>> _tokens = new();

    /// <summary>Each distinct spelling once: macro bodies repeat the same punctuators and names.</summary>
    private readonly TokenSpellings _spellings = new();

    public MacroTokens(TranslationUnit unit) => _unit = unit;

    /// <summary>The definition's tokens: its name, then (for a function-like macro) its parameter list, then its body.</summary>
    public List<(string Text, CXTokenKind Kind)> Of(CXCursor definition)
    {
        if (!_tokens.TryGetValue((nint)definition.Data0, out List<(string Text, CXTokenKind Kind)>? tokens))
        {
            tokens = Clang.Tokens(_unit.Handle, definition, _spellings);
            _tokens[(nint)definition.Data0] = tokens;
        }

        return tokens;
    }
}
