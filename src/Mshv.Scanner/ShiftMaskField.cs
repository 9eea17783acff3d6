using System.Collections.Generic;
using System.Linq;

namespace Mshv.Scanner;

/// <summary>
/// An ioctl field macro of the form <c>#define _IOC_DIR(nr) (((nr) >> _IOC_DIRSHIFT) &amp; _IOC_DIRMASK)</c>, as
/// asm-generic, powerpc and mips define all four: the field of any request is then <c>(request &gt;&gt; Shift) &amp; Mask</c>,
/// computed from the folded request with the two constants clang folds once, instead of one probe per request and field.
/// Any other form (sparc's _IOC_SIZE looks at the direction) is not one, and is probed per request as before.
/// </summary>
internal sealed record ShiftMaskField(string Shift, string Mask)
{
    /// <summary>The shift and mask operands of <paramref name="macro"/> when its body is exactly <c>((P) &gt;&gt; S) &amp; M</c>.</summary>
    public static ShiftMaskField? Of(FunctionMacro macro)
    {
        if (macro.Parameters.Count != 1 || macro.IsVariadic)
        {
            return null;
        }

        // (((nr) >> S) & M): split at the top-level '&', then the left side at its top-level '>>'.
        if (Split(Unwrap(macro.Body), "&") is not (var shifted, var mask) || Split(Unwrap(shifted), ">>") is not (var value, var shift))
        {
            return null;
        }

        return Single(value) == macro.Parameters[0] && Single(shift) is string s && IsOperand(s) && Single(mask) is string m && IsOperand(m)
            ? new ShiftMaskField(s, m)
            : null;
    }

    /// <summary>The field of a request value: C's <c>(value &gt;&gt; shift) &amp; mask</c> on the request's bits (sign-extended when signed).</summary>
    public static ulong Decode(ulong request, ulong shift, ulong mask) => shift < 64 ? (request >> (int)shift) & mask : 0;

    private static bool IsOperand(string token) => DeclarationIndex.IsIdentifier(token) || (token.Length > 0 && char.IsAsciiDigit(token[0]));

    private static string? Single(IReadOnlyList<string> tokens)
    {
        IReadOnlyList<string> inner = Unwrap(tokens);
        return inner.Count == 1 ? inner[0] : null;
    }

    /// <summary>The tokens without parentheses that enclose all of them.</summary>
    private static IReadOnlyList<string> Unwrap(IReadOnlyList<string> tokens)
    {
        while (tokens.Count >= 2 && tokens[0] == "(" && tokens[^1] == ")" && ClosingOf(tokens, 0) == tokens.Count - 1)
        {
            tokens = tokens.Skip(1).Take(tokens.Count - 2).ToList();
        }

        return tokens;
    }

    private static int ClosingOf(IReadOnlyList<string> tokens, int open)
    {
        int depth = 0;
        for (int i = open; i < tokens.Count; i++)
        {
            depth += tokens[i] == "(" ? 1 : tokens[i] == ")" ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Left and right of the only top-level <paramref name="op"/>, or null when there is not exactly one.</summary>
    private static (IReadOnlyList<string> Left, IReadOnlyList<string> Right)? Split(IReadOnlyList<string> tokens, string op)
    {
        int depth = 0;
        int at = -1;
        for (int i = 0; i < tokens.Count; i++)
        {
            depth += tokens[i] == "(" ? 1 : tokens[i] == ")" ? -1 : 0;
            if (depth == 0 && tokens[i] == op)
            {
                if (at >= 0)
                {
                    return null;
                }

                at = i;
            }
        }

        return at <= 0 || at == tokens.Count - 1 ? null : (tokens.Take(at).ToList(), tokens.Skip(at + 1).ToList());
    }
}
