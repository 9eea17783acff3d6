using System;
using System.Buffers;
using System.Text;

namespace Mshv.Scanner.Docs;

/// <summary>
/// <see cref="CommentText"/> read straight from a comment's bytes, without a string per line: the comment's lines
/// (<see cref="Line"/>) and paragraphs (<see cref="WordWriter"/>). Only for ASCII comments, nearly all of them: there a
/// byte is a char, and white space, control characters and blanks are the few the .NET calls mean. Other comments go
/// the way of strings.
/// </summary>
internal static class CommentWords
{
    /// <summary>Comments at most this long are read into a buffer on the stack; longer ones rent one.</summary>
    public const int StackChars = 1024;

    /// <summary>The words of <paramref name="comment"/> as <see cref="CommentText.Of"/> gives them; false when it is not ASCII.</summary>
    public static bool TryRead(ReadOnlySpan<byte> comment, out string? words)
    {
        words = null;
        if (!Ascii.IsValid(comment))
        {
            return false;
        }

        ReadOnlySpan<byte> body = Body(comment);
        char[]? rented = null;
        var writer = new WordWriter(
            body.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(body.Length)));
        foreach (Range range in body.Split((byte)'\n'))
        {
            writer.Line(Line(body[range]));
        }

        words = writer.Take();
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return true;
    }

    /// <summary>A block comment without its <c>/*</c> and <c>*/</c>; a <c>//</c> comment as it is.</summary>
    public static ReadOnlySpan<byte> Body(ReadOnlySpan<byte> comment)
    {
        if (!comment.StartsWith("/*"u8))
        {
            return comment;
        }

        comment = comment[2..];
        return comment.EndsWith("*/"u8) ? comment[..^2] : comment;
    }

    /// <summary>One line of <see cref="CommentText.Lines"/>: trimmed, its <c>//</c> or leading <c>*</c> gone, empty if a rule.</summary>
    public static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> raw)
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
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.Trim("\t\n\v\f\r "u8);

    /// <summary>What the model's canonical form treats as a blank in ASCII: a control character or a space.</summary>
    public static bool IsBlank(byte c) => c <= (byte)' ' || c == 0x7f;

    /// <summary>A rule, as <see cref="CommentText"/> tells one: only stars, or three or more of <c>*=#~-</c>.</summary>
    private static bool IsDecoration(ReadOnlySpan<byte> line) =>
        (line.Length > 0 && line.IndexOfAnyExcept((byte)'*') < 0) || (line.Length >= 3 && line.IndexOfAnyExcept("*=#~-"u8) < 0);
}

/// <summary>
/// <see cref="CommentText.Paragraphs"/> of ASCII lines, written as they come: an empty line ends a paragraph, a
/// paragraph's words are separated by one space, paragraphs by a line break, and a paragraph without words leaves no
/// trace. The buffer must hold the bytes of every line written (the text never outgrows them).
/// </summary>
internal ref struct WordWriter
{
    private readonly Span<char> _text;
    private int _length;
    private bool _paragraphBreak;

    public WordWriter(Span<char> buffer) => _text = buffer;

    public void Line(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            _paragraphBreak = true;
            return;
        }

        int i = 0;
        while (true)
        {
            while (i < line.Length && CommentWords.IsBlank(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                return;
            }

            int start = i;
            while (i < line.Length && !CommentWords.IsBlank(line[i]))
            {
                i++;
            }

            if (_length > 0)
            {
                _text[_length++] = _paragraphBreak ? '\n' : ' ';
            }

            _paragraphBreak = false;
            // The buffer holds the comment's bytes: ASCII never outgrows it. A truncated word would be a silent wrong doc.
            if (Ascii.ToUtf16(line[start..i], _text[_length..], out int written) != System.Buffers.OperationStatus.Done)
            {
                throw new InvalidOperationException("a comment's words outgrew the buffer sized for its bytes");
            }

            _length += written;
        }
    }

    /// <summary>The paragraphs written, or null when there are no words; the writer starts over.</summary>
    public string? Take()
    {
        string? text = _length == 0 ? null : new string(_text[.._length]);
        _length = 0;
        _paragraphBreak = false;
        return text;
    }
}
