using System.Collections.Generic;
using System.Linq;

namespace Mshv.Scanner;

/// <summary>
/// How a macro builds an ioctl request: the builder it reaches (<c>_IO</c>, <c>_IOR</c>, <c>_IOW</c>, <c>_IOWR</c>
/// or <c>_IOC</c>) and the argument C type, read from the tokens because the request number only keeps its size.
/// </summary>
/// <param name="ArgumentCType">The argument's C type, or null for <c>_IO</c>.</param>
internal sealed record IoctlForm(string Builder, string? ArgumentCType)
{
    /// <summary>Splits the tokens between <paramref name="start"/> and <paramref name="end"/> (exclusive) at top-level commas.</summary>
    public static List<List<string>> SplitArguments(IReadOnlyList<string> tokens, int start, int end)
    {
        var arguments = new List<List<string>> { new() };
        int depth = 0;
        for (int i = start; i < end; i++)
        {
            string token = tokens[i];
            depth += token is "(" or "[" ? 1 : token is ")" or "]" ? -1 : 0;
            if (token == "," && depth == 0)
            {
                arguments.Add(new List<string>());
            }
            else
            {
                arguments[^1].Add(token);
            }
        }

        return arguments;
    }

    /// <summary>The index of the parenthesis closing the one at <paramref name="open"/>, or -1.</summary>
    public static int CloseOf(IReadOnlyList<string> tokens, int open) => CloseOf(tokens, open, tokens.Count);

    /// <summary>
    /// The index of the token closing the <paramref name="opening"/> one at <paramref name="open"/> (a parenthesis unless
    /// told), before <paramref name="end"/>, or -1.
    /// </summary>
    public static int CloseOf(IReadOnlyList<string> tokens, int open, int end, string opening = "(", string closing = ")")
    {
        int depth = 0;
        for (int i = open; i < end; i++)
        {
            depth += tokens[i] == opening ? 1 : tokens[i] == closing ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The tokens without parentheses wrapped around all of them: <c>((X))</c> is <c>X</c>.</summary>
    public static List<string> Unwrapped(IReadOnlyList<string> tokens)
    {
        var list = tokens.ToList();
        while (list.Count >= 2 && list[0] == "(" && CloseOf(list, 0) == list.Count - 1)
        {
            list = list.GetRange(1, list.Count - 2);
        }

        return list;
    }

    public static string Spell(IEnumerable<string> tokens) => string.Join(" ", tokens);
}
