using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Mshv.Scanner.Interop;

/// <summary>
/// Managed conveniences over <see cref="LibClang"/>: strings are copied and disposed at once, and
/// visitors collect into lists (the state crosses the native callback as a GCHandle) so the scanner
/// walks cursors with ordinary loops.
/// </summary>
internal static unsafe class Clang
{
    public static string ToManaged(CXString text)
    {
        try
        {
            byte* chars = LibClang.clang_getCString(text);
            return chars is null ? string.Empty : Marshal.PtrToStringUTF8((nint)chars) ?? string.Empty;
        }
        finally
        {
            LibClang.clang_disposeString(text);
        }
    }

    /// <summary>The string <paramref name="spellings"/> keeps for <paramref name="text"/>'s bytes; the clang string is disposed.</summary>
    private static string Shared(CXString text, TokenSpellings spellings)
    {
        try
        {
            byte* chars = LibClang.clang_getCString(text);
            return chars is null ? string.Empty : spellings.Of(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(chars));
        }
        finally
        {
            LibClang.clang_disposeString(text);
        }
    }

    public static string Spelling(CXCursor cursor) => ToManaged(LibClang.clang_getCursorSpelling(cursor));

    public static string Spelling(CXType type) => ToManaged(LibClang.clang_getTypeSpelling(type));

    public static string FileName(void* file) => file is null ? string.Empty : ToManaged(LibClang.clang_getFileName(file));

    public static CXType Canonical(CXType type) => LibClang.clang_getCanonicalType(type);

    public static List<CXCursor> Children(CXCursor parent)
    {
        var children = new List<CXCursor>();
        GCHandle handle = GCHandle.Alloc(children);
        try
        {
            LibClang.clang_visitChildren(parent, &CollectChild, (void*)GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }

        return children;
    }

    /// <summary>The fields of a record type in declaration order, including the implicit field of each anonymous member.</summary>
    public static List<CXCursor> Fields(CXType record)
    {
        var fields = new List<CXCursor>();
        GCHandle handle = GCHandle.Alloc(fields);
        try
        {
            LibClang.clang_Type_visitFields(record, &CollectField, (void*)GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }

        return fields;
    }

    /// <summary>Where a cursor was written, after macro expansion (a field declared through a macro sits at its use).</summary>
    public static (nint File, int Line) ExpansionLocation(CXSourceLocation location)
    {
        void* file;
        uint line;
        // No column and no offset: clang works out only what is asked for, and a column costs a scan of the line.
        LibClang.clang_getExpansionLocation(location, &file, &line, null, null);
        return ((nint)file, (int)line);
    }

    public static (nint File, int Line) Location(CXCursor cursor) => ExpansionLocation(LibClang.clang_getCursorLocation(cursor));

    /// <summary>The spellings of the tokens a cursor covers (for a macro definition: its name, then its body).</summary>
    public static List<(string Text, CXTokenKind Kind)> Tokens(void* translationUnit, CXCursor cursor) =>
        Tokens(translationUnit, cursor, null);

    /// <summary>
    /// As <see cref="Tokens(void*, CXCursor)"/>, each spelling taken from <paramref name="spellings"/> when given (one
    /// string per distinct spelling).
    /// </summary>
    public static List<(string Text, CXTokenKind Kind)> Tokens(void* translationUnit, CXCursor cursor, TokenSpellings? spellings)
    {
        CXToken* tokens;
        uint count;
        LibClang.clang_tokenize(translationUnit, LibClang.clang_getCursorExtent(cursor), &tokens, &count);
        var result = new List<(string, CXTokenKind)>((int)count);
        try
        {
            for (uint i = 0; i < count; i++)
            {
                CXString spelling = LibClang.clang_getTokenSpelling(translationUnit, tokens[i]);
                string text = spellings is null ? ToManaged(spelling) : Shared(spelling, spellings);
                result.Add((text, LibClang.clang_getTokenKind(tokens[i])));
            }
        }
        finally
        {
            if (tokens is not null)
            {
                LibClang.clang_disposeTokens(translationUnit, tokens, count);
            }
        }

        return result;
    }

    public static byte* AllocUtf8(string text)
    {
        int length = Encoding.UTF8.GetByteCount(text);
        byte* buffer = (byte*)NativeMemory.Alloc((nuint)length + 1);
        fixed (char* chars = text)
        {
            Encoding.UTF8.GetBytes(chars, text.Length, buffer, length);
        }

        buffer[length] = 0;
        return buffer;
    }

    /// <summary>Every file the translation unit opened (the main file and each header it included, directly or not).</summary>
    public static List<string> Inclusions(void* translationUnit)
    {
        var files = new List<string>();
        GCHandle handle = GCHandle.Alloc(files);
        try
        {
            LibClang.clang_getInclusions(translationUnit, &CollectInclusion, (void*)GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }

        return files;
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void CollectInclusion(void* includedFile, CXSourceLocation* inclusionStack, uint includeLength, void* clientData)
    {
        ((List<string>)GCHandle.FromIntPtr((nint)clientData).Target!).Add(FileName(includedFile));
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static CXChildVisitResult CollectChild(CXCursor cursor, CXCursor parent, void* clientData)
    {
        ((List<CXCursor>)GCHandle.FromIntPtr((nint)clientData).Target!).Add(cursor);
        return CXChildVisitResult.Continue;
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static CXChildVisitResult CollectField(CXCursor cursor, void* clientData)
    {
        ((List<CXCursor>)GCHandle.FromIntPtr((nint)clientData).Target!).Add(cursor);
        return CXChildVisitResult.Continue;
    }
}
