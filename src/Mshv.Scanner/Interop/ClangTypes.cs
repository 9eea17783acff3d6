using System.Runtime.InteropServices;

namespace Mshv.Scanner.Interop;

// Blittable mirrors of libclang's value types (clang-c/Index.h). Field order and widths must match the C
// declarations exactly: these are passed and returned by value across the P/Invoke boundary.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CXString
{
    public void* Data;
    public uint PrivateFlags;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CXCursor
{
    public CXCursorKind Kind;
    public int Xdata;
    public void* Data0;
    public void* Data1;
    public void* Data2;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CXType
{
    public CXTypeKind Kind;
    public void* Data0;
    public void* Data1;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CXSourceLocation
{
    public void* Ptr0;
    public void* Ptr1;
    public uint IntData;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CXSourceRange
{
    public void* Ptr0;
    public void* Ptr1;
    public uint BeginIntData;
    public uint EndIntData;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CXToken
{
    public uint IntData0;
    public uint IntData1;
    public uint IntData2;
    public uint IntData3;
    public void* PtrData;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CXUnsavedFile
{
    public byte* Filename;
    public byte* Contents;
    public nuint Length;
}

/// <summary>The cursor kinds the scanner looks at (values from clang-c/Index.h).</summary>
internal enum CXCursorKind
{
    StructDecl = 2,
    UnionDecl = 3,
    EnumDecl = 5,
    FieldDecl = 6,
    EnumConstantDecl = 7,
    FunctionDecl = 8,
    VarDecl = 9,
    TypedefDecl = 20,
    TranslationUnit = 350,
    PackedAttr = 408,
    MacroDefinition = 501,
}

/// <summary>The type kinds the scanner maps to model primitives (values from clang-c/Index.h).</summary>
internal enum CXTypeKind
{
    Invalid = 0,
    Void = 2,
    Bool = 3,
    Char_U = 4,
    UChar = 5,
    Char16 = 6,
    Char32 = 7,
    UShort = 8,
    UInt = 9,
    ULong = 10,
    ULongLong = 11,
    UInt128 = 12,
    Char_S = 13,
    SChar = 14,
    WChar = 15,
    Short = 16,
    Int = 17,
    Long = 18,
    LongLong = 19,
    Int128 = 20,
    Float = 21,
    Double = 22,
    LongDouble = 23,
    Complex = 100,
    Pointer = 101,
    BlockPointer = 102,
    Record = 105,
    Enum = 106,
    Typedef = 107,
    FunctionNoProto = 110,
    FunctionProto = 111,
    ConstantArray = 112,
    IncompleteArray = 114,
    Elaborated = 119,
    Atomic = 177,
}

internal enum CXChildVisitResult
{
    Break = 0,
    Continue = 1,
    Recurse = 2,
}

internal enum CXEvalResultKind
{
    Int = 1,
}

internal enum CXDiagnosticSeverity
{
    Ignored = 0,
    Note = 1,
    Warning = 2,
    Error = 3,
    Fatal = 4,
}

internal enum CXTokenKind
{
    Punctuation = 0,
    Keyword = 1,
    Identifier = 2,
    Literal = 3,
    Comment = 4,
}
