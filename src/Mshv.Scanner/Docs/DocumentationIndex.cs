using System.Collections.Generic;
using Mshv.Abi;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner.Docs;

/// <summary>
/// The kernel's documentation of a declaration: the comment on the lines right above it (a kernel-doc block loses its
/// <c>struct name -</c> header and keeps its <c>@member:</c> sections for the members), then the comment that follows it on
/// its last line (<c>__u32 len; /* bytes */</c>). A section comment that names a kind of fd (<c>/* ioctls for VM fds */</c>)
/// heads a group of requests and documents none of them; an SPDX license line documents the file.
/// <para>
/// The comments are read from the bytes clang parsed, at the cursor's extent, not through
/// <c>clang_Cursor_getRawCommentText</c>: clang attaches only doc comments (<c>/**</c>, <c>///</c>) unless
/// <c>-fparse-all-comments</c>, and never a trailing <c>/* */</c> after a member's <c>;</c> or a macro's body, which is
/// where uapi headers put most of their words. One pass a file costs less than a <c>clang_tokenize</c> per declaration.
/// </para>
/// </summary>
internal sealed unsafe class DocumentationIndex
{
    private readonly TranslationUnit _unit;
    private readonly Dictionary<nint, FileComments?> _files = new();

    public DocumentationIndex(TranslationUnit unit) => _unit = unit;

    /// <summary>The documentation of a record, enum, typedef, enumerator or macro named <paramref name="name"/>, or null.</summary>
    public string? Of(CXCursor declaration, string name) => Of(declaration, name, out _);

    /// <summary>As <see cref="Of(CXCursor, string)"/>; <paramref name="block"/> is its kernel-doc block, for its members.</summary>
    public string? Of(CXCursor declaration, string name, out KernelDocBlock? block)
    {
        block = null;
        if (Extent(declaration) is not var (file, start, startLine, end, endLine))
        {
            return null;
        }

        SourceComments comments = file.Comments;
        string? above = null;
        if (comments.Above(startLine) is SourceComment leading && !file.Read(leading).Heading)
        {
            if (leading.KernelDoc)
            {
                block = KernelDocBlock.Parse(comments.Bytes(leading), () => comments.Text(leading), name);
                above = block.Description;
            }
            else
            {
                above = file.Read(leading).Words is string text ? KernelDocBlock.WithoutMemberLabel(text, name) : null;
            }
        }

        string? after = comments.After(end, endLine) is SourceComment trailing && trailing.Start > start ? file.Read(trailing).Words : null;
        return AbiDoc.Join(above, after);
    }

    /// <summary>A member's documentation: its <c>@name:</c> in the record's kernel-doc block, then its own comments.</summary>
    public string? OfMember(CXCursor field, string name, KernelDocBlock? block, string path) =>
        AbiDoc.Join(block?.Member(path + name) ?? (path.Length > 0 ? block?.Member(name) : null), Of(field, name));

    /// <summary>A section comment that names a kind of fd, or a file's license line: text about a group or a file, not one declaration.</summary>
    private static bool IsHeading(string? text) =>
        text is not null
        && (IoctlSections.KindOf(text) is not null || text.StartsWith("SPDX-License-Identifier:", System.StringComparison.Ordinal));

    private (FileComments File, int Start, int StartLine, int End, int EndLine)? Extent(CXCursor cursor)
    {
        CXSourceRange range = LibClang.clang_getCursorExtent(cursor);
        (nint file, int startLine, int start) = Where(LibClang.clang_getRangeStart(range));
        (nint endFile, int endLine, int end) = Where(LibClang.clang_getRangeEnd(range));
        if (file == 0 || file != endFile || Comments(file) is not FileComments comments)
        {
            return null;
        }

        return (comments, start, startLine, end, endLine);
    }

    private FileComments? Comments(nint file)
    {
        if (!_files.TryGetValue(file, out FileComments? comments))
        {
            nuint size;
            // clang's buffer of the file, which lives as long as the unit (and this index) does: read in place.
            byte* bytes = LibClang.clang_getFileContents(_unit.Handle, (void*)file, &size);
            comments = bytes is null ? null : new FileComments(SourceComments.Of(bytes, checked((int)size)));
            _files[file] = comments;
        }

        return comments;
    }

    private static (nint File, int Line, int Offset) Where(CXSourceLocation location)
    {
        void* file;
        uint line, offset;
        // No column: clang works out only what is asked for, and a column costs a scan of the line.
        LibClang.clang_getExpansionLocation(location, &file, &line, null, &offset);
        return ((nint)file, (int)line, (int)offset);
    }

    /// <summary>
    /// A file's comments, and each one's words and whether it is a heading, worked out once: a comment is asked about by
    /// every declaration near it.
    /// </summary>
    private sealed class FileComments
    {
        private readonly (string? Words, bool Heading)?[] _read;

        public FileComments(SourceComments comments)
        {
            Comments = comments;
            _read = new (string? Words, bool Heading)?[comments.Count];
        }

        public SourceComments Comments { get; }

        public (string? Words, bool Heading) Read(SourceComment comment)
        {
            if (_read[comment.Index] is not { } read)
            {
                string? words = CommentWords.TryRead(Comments.Bytes(comment), out string? ascii)
                    ? ascii
                    : CommentText.Of(Comments.Text(comment));
                read = (words, IsHeading(words));
                _read[comment.Index] = read;
            }

            return read;
        }
    }
}
