using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Mshv.Abi;
using Mshv.Scanner.Docs;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>
/// Issue 13: comments are read from clang's bytes in place. The one-pass reader of ASCII comments must give the words the
/// string path (<see cref="CommentText.Of"/>) gives, the lexer must find the same comments at the same lines, and the
/// canonical-form check that lets <see cref="AbiDoc.Normalize"/> skip its copy must agree with the definition.
/// </summary>
public sealed class CommentWordsTests
{
    public static IEnumerable<object[]> Comments() => new[]
    {
        "/* bytes */",
        "/**/",
        "/*/",
        "/* unterminated",
        "// a line",
        "//// slashes\n// and a run",
        "/**\n * struct foo - brief\n * @len: bytes\n *\n * More text,\n *   spread   over\tlines.\n */",
        "/*\n * ***\n * ====\n * --\n * -- x\n ***************/",
        "/* first\r\n * second\r\n *\r\n * third */",
        "/*\v\f a \u0001 b \u007f c \u0000 */",
        "/*\n\n\n*/",
        "/* * star * */",
        "/*****\n * boxed\n *****/",
        "/* x */ trailing",
        "/* tab\tand  two spaces \n\n\n two blank lines */",
        "/*\n * \u0001\n *\n * after a wordless paragraph\n */",
        "/* ~~~ */",
        "/* *=#~- */",
    }.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Comments))]
    public void The_byte_reader_gives_the_words_of_the_string_path(string comment)
    {
        Assert.True(CommentWords.TryRead(Encoding.ASCII.GetBytes(comment), out string? words));

        Assert.Equal(CommentText.Of(comment), words);
    }

    public static IEnumerable<object[]> KernelDocBlocks() => new[]
    {
        new object[] { "/**\n * struct foo - brief\n * @len: bytes\n *   and more\n * @io.port[]  :  a port\n *\n * Text.\n */", "foo" },
        new object[] { "/**\n * struct  foo -- brief\n * @len:\n * @len: second\n */", "foo" },
        new object[] { "/**\n * struct foo\n *\n * @a: x\n * desc\n *\n * @b : y\n */", "foo" },
        new object[] { "/**\n * struct - brief\n */", "struct" },
        new object[] { "/**\n * struct bar - brief\n */", "foo" },
        new object[] { "/**\n * KVM_RUN() -brief\n */", "KVM_RUN" },
        new object[] { "/**\n * enum\tfoo\n * @A: first\n */", "foo" },
        new object[] { "/**\n * typedef foo_t- x\n */", "foo_t" },
        new object[] { "/**\n * foobar - x\n */", "foo" },
        new object[] { "/**\n * @foo: first line is the brief\n * @bar: b\n * @1x: not a member\n * @: neither\n */", "foo" },
        new object[] { "/**\n * unionfoo - x\n */", "unionfoo" },
        new object[] { "/** one line */", "x" },
    };

    [Theory]
    [MemberData(nameof(KernelDocBlocks))]
    public void A_kernel_doc_block_reads_from_bytes_as_from_text(string comment, string name)
    {
        KernelDocBlock text = KernelDocBlock.Parse(comment, name);

        KernelDocBlock bytes = KernelDocBlock.Parse(
            Encoding.ASCII.GetBytes(comment), () => throw new InvalidOperationException("ASCII is read in place"), name);

        Assert.Equal(text.Description, bytes.Description);
        foreach (string member in new[] { "len", "io.port", "a", "b", "A", "foo", "bar", "1x", string.Empty })
        {
            Assert.Equal(text.Member(member), bytes.Member(member));
        }
    }

    [Fact]
    public void A_comment_that_is_not_ascii_is_left_to_the_string_path()
    {
        Assert.False(CommentWords.TryRead(Encoding.UTF8.GetBytes("/* café\u2028 */"), out _));
        bool decoded = false;
        KernelDocBlock block = KernelDocBlock.Parse(
            Encoding.UTF8.GetBytes("/** café */"), () => { decoded = true; return "/** café */"; }, "x");
        Assert.True(decoded);
        Assert.Equal("café", block.Description);
    }

    [Fact]
    public unsafe void Comments_are_found_with_their_lines_and_whether_code_shares_them()
    {
        const string Source = "/* head */\nint a; /* a's */\n  // one\n  // run\nchar *s = \"/* not */\"; // s\n"
            + "/**\n * kdoc\n */\nstruct x;\n/* a */ /* b */\n";
        byte[] bytes = Encoding.ASCII.GetBytes(Source);
        fixed (byte* start = bytes)
        {
            SourceComments comments = SourceComments.Of(start, bytes.Length);

            var found = comments.All.Select(c => (comments.Text(c), c.StartLine, c.EndLine, c.OwnLine, c.KernelDoc)).ToList();
            Assert.Equal(
                new[]
                {
                    ("/* head */", 1, 1, true, false),
                    ("/* a's */", 2, 2, false, false),
                    ("// one\n// run", 3, 4, true, false),
                    ("// s", 5, 5, false, false),
                    ("/**\n * kdoc\n */", 6, 8, true, true),
                    ("/* a */", 10, 10, true, false),
                    ("/* b */", 10, 10, true, false),
                },
                found);
            Assert.Equal("// one\n// run", comments.Text(comments.Above(5)!.Value));
            Assert.Null(comments.Above(3));
            int afterA = Source.IndexOf("a;", StringComparison.Ordinal) + 1;
            Assert.Equal("/* a's */", comments.Text(comments.After(afterA, 2)!.Value));
            Assert.Null(comments.After(afterA - 1, 2));
        }
    }

    [Fact]
    public void The_canonical_check_agrees_with_normalizing()
    {
        char[] alphabet = { 'a', 'b', ' ', '\n', '\t', '\r', '\u0001', '\u007f', '\u0085', '\u00a0', '\u2028', 'é' };
        var random = new Random(13);
        for (int n = 0; n < 5000; n++)
        {
            string text = new(Enumerable.Range(0, random.Next(0, 7)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

            Assert.True(Reference(text) == text == AbiDoc.IsCanonical(text), "\"" + text + "\"");
            Assert.Equal(Reference(text), AbiDoc.Normalize(text));
        }
    }

    /// <summary>The canonical form by its definition: each line's words joined by one space, empty lines dropped.</summary>
    private static string? Reference(string text)
    {
        static bool Blank(char c) => c is ' ' or '\u0085' or '\u2028' or '\u2029' || char.IsControl(c) || char.IsWhiteSpace(c);
        var lines = text.Split('\n')
            .Select(line => string.Join(" ", Split(line, Blank)))
            .Where(line => line.Length > 0)
            .ToList();
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    private static IEnumerable<string> Split(string line, Func<char, bool> blank)
    {
        var word = new StringBuilder();
        foreach (char c in line.Append(' '))
        {
            if (!blank(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
    }
}
