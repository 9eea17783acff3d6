using System.Collections.Generic;
using System.Text;

namespace Mshv.Scanner;

/// <summary>
/// Joins a macro's tokens the way people write C, so doc comments and the model read
/// <c>_IOW(MSHV_IOCTL, 0x01, struct mshv_create_partition)</c> rather than a token dump.
/// Only spacing is decided here; the tokens themselves are clang's.
/// </summary>
internal static class TokenSpelling
{
    public static string Join(IReadOnlyList<string> tokens)
    {
        var text = new StringBuilder();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && NeedsSpace(tokens[i - 1], tokens[i]))
            {
                text.Append(' ');
            }

            text.Append(tokens[i]);
        }

        return text.ToString();
    }

    private static bool NeedsSpace(string previous, string next)
    {
        if (next is ")" or "," or "]" || previous is "(" or "[" or "~" or "!")
        {
            return false;
        }

        // A call or an index: BIT(3), _IOW(...), a[2]; but keep the space in "x << (y)".
        if (next is "(" or "[")
        {
            return !IsWord(previous);
        }

        return true;
    }

    private static bool IsWord(string token) => token.Length > 0 && (char.IsLetterOrDigit(token[^1]) || token[^1] == '_');
}
