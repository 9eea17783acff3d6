using System.Runtime.InteropServices;

namespace Mshv.Scanner.Interop;

/// <summary>
/// The libclang C API, only the functions the scanner calls. "libclang" resolves to
/// <c>runtimes/linux-x64/native/libclang.so</c> from the libclang.runtime NuGet package (listed in the
/// app's deps.json), never to a system installation.
/// </summary>
internal static unsafe partial class LibClang
{
    private const string Library = "libclang";

    public const uint DetailedPreprocessingRecord = 0x01;
    public const uint SkipFunctionBodies = 0x40;
    public const uint KeepGoing = 0x200;

    [LibraryImport(Library)]
    public static partial void* clang_createIndex(int excludeDeclarationsFromPch, int displayDiagnostics);

    [LibraryImport(Library)]
    public static partial void clang_disposeIndex(void* index);

    [LibraryImport(Library)]
    public static partial int clang_parseTranslationUnit2(
        void* index, byte* sourceFilename, byte** commandLineArgs, int numCommandLineArgs,
        CXUnsavedFile* unsavedFiles, uint numUnsavedFiles, uint options, void** translationUnit);

    [LibraryImport(Library)]
    public static partial void clang_disposeTranslationUnit(void* translationUnit);

    [LibraryImport(Library)]
    public static partial CXCursor clang_getTranslationUnitCursor(void* translationUnit);

    [LibraryImport(Library)]
    public static partial void* clang_getFile(void* translationUnit, byte* fileName);

    [LibraryImport(Library)]
    public static partial int clang_File_isEqual(void* file1, void* file2);

    [LibraryImport(Library)]
    public static partial CXSourceLocation clang_getLocation(void* translationUnit, void* file, uint line, uint column);

    [LibraryImport(Library)]
    public static partial CXCursor clang_getCursor(void* translationUnit, CXSourceLocation location);

    [LibraryImport(Library)]
    public static partial CXString clang_getFileName(void* file);

    [LibraryImport(Library)]
    public static partial void clang_getInclusions(
        void* translationUnit, delegate* unmanaged[Cdecl]<void*, CXSourceLocation*, uint, void*, void> visitor, void* clientData);

    // Diagnostics
    [LibraryImport(Library)]
    public static partial uint clang_getNumDiagnostics(void* translationUnit);

    [LibraryImport(Library)]
    public static partial void* clang_getDiagnostic(void* translationUnit, uint index);

    [LibraryImport(Library)]
    public static partial void clang_disposeDiagnostic(void* diagnostic);

    [LibraryImport(Library)]
    public static partial CXDiagnosticSeverity clang_getDiagnosticSeverity(void* diagnostic);

    [LibraryImport(Library)]
    public static partial CXSourceLocation clang_getDiagnosticLocation(void* diagnostic);

    [LibraryImport(Library)]
    public static partial CXString clang_getDiagnosticSpelling(void* diagnostic);

    // Strings
    [LibraryImport(Library)]
    public static partial byte* clang_getCString(CXString text);

    [LibraryImport(Library)]
    public static partial void clang_disposeString(CXString text);

    // Cursors
    [LibraryImport(Library)]
    public static partial uint clang_visitChildren(
        CXCursor parent, delegate* unmanaged[Cdecl]<CXCursor, CXCursor, void*, CXChildVisitResult> visitor, void* clientData);

    [LibraryImport(Library)]
    public static partial CXString clang_getCursorSpelling(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial CXType clang_getCursorType(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial CXSourceLocation clang_getCursorLocation(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial CXSourceRange clang_getCursorExtent(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial uint clang_isCursorDefinition(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial uint clang_equalCursors(CXCursor a, CXCursor b);

    [LibraryImport(Library)]
    public static partial uint clang_Cursor_isAnonymous(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial uint clang_Cursor_isAnonymousRecordDecl(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial uint clang_Cursor_isBitField(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial int clang_getFieldDeclBitWidth(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial long clang_Cursor_getOffsetOfField(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial CXType clang_getEnumDeclIntegerType(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial long clang_getEnumConstantDeclValue(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial ulong clang_getEnumConstantDeclUnsignedValue(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial CXType clang_getTypedefDeclUnderlyingType(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial uint clang_Cursor_isMacroFunctionLike(CXCursor cursor);

    // Types
    [LibraryImport(Library)]
    public static partial CXType clang_getCanonicalType(CXType type);

    [LibraryImport(Library)]
    public static partial CXType clang_getUnqualifiedType(CXType type);

    [LibraryImport(Library)]
    public static partial CXCursor clang_getTypeDeclaration(CXType type);

    [LibraryImport(Library)]
    public static partial CXString clang_getTypeSpelling(CXType type);

    [LibraryImport(Library)]
    public static partial long clang_Type_getSizeOf(CXType type);

    [LibraryImport(Library)]
    public static partial long clang_Type_getAlignOf(CXType type);

    [LibraryImport(Library)]
    public static partial CXType clang_getArrayElementType(CXType type);

    [LibraryImport(Library)]
    public static partial long clang_getArraySize(CXType type);

    [LibraryImport(Library)]
    public static partial CXType clang_getElementType(CXType type);

    [LibraryImport(Library)]
    public static partial uint clang_Type_visitFields(
        CXType type, delegate* unmanaged[Cdecl]<CXCursor, void*, CXChildVisitResult> visitor, void* clientData);

    // Locations and tokens
    [LibraryImport(Library)]
    public static partial void clang_getExpansionLocation(CXSourceLocation location, void** file, uint* line, uint* column, uint* offset);

    [LibraryImport(Library)]
    public static partial CXSourceLocation clang_getRangeStart(CXSourceRange range);

    [LibraryImport(Library)]
    public static partial CXSourceLocation clang_getRangeEnd(CXSourceRange range);

    /// <summary>The bytes clang parsed for a file (valid while the translation unit lives), or null.</summary>
    [LibraryImport(Library)]
    public static partial byte* clang_getFileContents(void* translationUnit, void* file, nuint* size);

    [LibraryImport(Library)]
    public static partial void clang_tokenize(void* translationUnit, CXSourceRange range, CXToken** tokens, uint* numTokens);

    [LibraryImport(Library)]
    public static partial void clang_disposeTokens(void* translationUnit, CXToken* tokens, uint numTokens);

    [LibraryImport(Library)]
    public static partial CXString clang_getTokenSpelling(void* translationUnit, CXToken token);

    [LibraryImport(Library)]
    public static partial CXTokenKind clang_getTokenKind(CXToken token);

    // Constant evaluation
    [LibraryImport(Library)]
    public static partial void* clang_Cursor_Evaluate(CXCursor cursor);

    [LibraryImport(Library)]
    public static partial CXEvalResultKind clang_EvalResult_getKind(void* result);

    [LibraryImport(Library)]
    public static partial uint clang_EvalResult_isUnsignedInt(void* result);

    [LibraryImport(Library)]
    public static partial ulong clang_EvalResult_getAsUnsigned(void* result);

    [LibraryImport(Library)]
    public static partial long clang_EvalResult_getAsLongLong(void* result);

    [LibraryImport(Library)]
    public static partial void clang_EvalResult_dispose(void* result);
}
