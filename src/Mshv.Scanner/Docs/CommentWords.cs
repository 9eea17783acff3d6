using System;
using System.Buffers;
using System.Text;

namespace Mshv.Scanner.Docs;

/// <summary>
/// <see cref="CommentText.Of"/> read straight from a comment's bytes in one pass, without a string per line: the
/// comment's paragraphs, each one's words separated by one space. Only for ASCII comments, nearly all of them: there a
/// byte is a char, and white space, control characters and blanks are the few the .NET calls mean. Other comments go
/// the way of strings.
/// </summary>
internal static class CommentWords
{
    /// <summary>Comments at most this long are read into a buffer on the stack; longer ones rent one.</summary>
    private const int StackChars = 1024;

    /// <summary>The words of <paramref name="comment"/> as <see cref="CommentText.Of"/> gives them; false when it is not ASCII.</summary>
    public static bool TryRead(ReadOnlySpan<byte> comment, out string? words)
    {
        words = null;
        if (!Ascii.IsValid(comment))
        {
            return false;
        }

        ReadOnlySpan<byte> body = comment;
        if (body.StartsWith("/*"u8))
        {
            body = body[2..];
            body = body.EndsWith("*/"u8) ? body[..^2] : body;
        }

        char[]? rented = null;
        Span<char> text = body.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(body.Length));
        int length = 0;
        bool paragraphBreak = false;
        foreach (Range range in body.Split((byte)'\n'))
        {
            ReadOnlySpan<byte> line = Line(body[range]);
            if (line.IsEmpty)
            {
                // A blank line ends a paragraph; a paragraph without words leaves no trace.
                paragraphBreak = true;
                continue;
            }

            int i = 0;
            while (true)
            {
                while (i < line.Length && IsBlank(line[i]))
                {
                    i++;
                }

                if (i == line.Length)
                {
                    break;
                }

                int start = i;
                while (i < line.Length && !IsBlank(line[i]))
                {
                    i++;
                }

                if (length > 0)
                {
                    text[length++] = paragraphBreak ? '\n' : ' ';
                }

                paragraphBreak = false;
                length += Encoding.ASCII.GetChars(line[start..i], text[length..]);
            }
        }

        words = length == 0 ? null : new string(text[..length]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return true;
    }

    /// <summary>One line of <see cref="CommentText.Lines"/>: trimmed, its <c>//</c> or leading <c>*</c> gone, empty if a rule.</summary>
    private static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> raw)
    {
        ReadOnlySpan<byte> line = Trim(raw);
        if (line.StartsWith("//"u8))
        {
            line = line.TrimStart((byte)'/');
        }
        else if (line.StartsWith("*"u8))
        {
            line = IsDecoration(line) ? ReadOnlySpan<byte>.Empty : line[1..];
        }

        line = Trim(line);
        return IsDecoration(line) ? ReadOnlySpan<byte>.Empty : line;
    }

    /// <summary>What <see cref="string.Trim()"/> removes from ASCII text: tab, line feed, vertical tab, form feed, return, space.</summary>
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.Trim("\t\n\v\f\r "u8);

    /// <summary>What the model's canonical form treats as a blank in ASCII: a control character or a space.</summary>
    private static bool IsBlank(byte c) => c <= (byte)' ' || c == 0x7f;

    /// <summary>A rule, as <see cref="CommentText"/> tells one: only stars, or three or more of <c>*=#~-</c>.</summary>
    private static bool IsDecoration(ReadOnlySpan<byte> line) =>
        (line.Length > 0 && line.IndexOfAnyExcept((byte)'*') < 0) || (line.Length >= 3 && line.IndexOfAnyExcept("*=#~-"u8) < 0);
}
