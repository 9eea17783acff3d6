using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Mshv.Scanner.Interop;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>
/// Issue 13: macro tokens share one string per distinct spelling. Sharing must never hand a token another token's
/// spelling (same length, same first bytes, a prefix, a different encoding), and must decode as the unshared path did.
/// </summary>
public sealed class TokenSpellingsTests
{
    [Fact]
    public void Each_spelling_gets_its_own_text_and_a_repeat_gets_the_same_string()
    {
        var spellings = new TokenSpellings();
        string[] tokens =
        {
            "(", ")", "<<", ">>", "<<=", "<", "_IOW", "_IOR", "_IO", "__u32", "__u64", "__u3", "0x01", "0x10", "0x1",
            "\"str\"", "'a'", "'b'", "caf\u00e9", "cafe", string.Empty, new string('x', 129), new string('x', 128) + "y",
            "a", "b", "ab", "ba", "12", "21", "1", "2", "\u00e9", "\u00e8", "<=", "=<", "##", "#",
        };
        var first = new Dictionary<string, string>();
        for (int round = 0; round < 3; round++)
        {
            foreach (string token in tokens)
            {
                string text = spellings.Of(Encoding.UTF8.GetBytes(token));

                Assert.Equal(token, text);
                if (round == 0)
                {
                    first[token] = text;
                }
                else if (token.Length <= 128)
                {
                    Assert.Same(first[token], text);
                }
            }
        }

        Assert.Equal(tokens.Count(t => t.Length <= 128), spellings.Count);
    }

    [Fact]
    public void Invalid_utf8_decodes_as_the_unshared_path_does()
    {
        var spellings = new TokenSpellings();
        byte[][] inputs = { new byte[] { 0x61, 0xff, 0x62 }, new byte[] { 0xc3 }, new byte[] { 0xe2, 0x82 } };

        foreach (byte[] input in inputs)
        {
            Assert.Equal(Encoding.UTF8.GetString(input), spellings.Of(input));
        }
    }
}
