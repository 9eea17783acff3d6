using System;
using System.Collections.Generic;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner.Evaluation;

/// <summary>
/// A type name as a cast, <c>sizeof</c> or an ioctl argument writes it: a base type (integer, <c>void</c>, or one
/// clang declared: a typedef, a struct, union or enum tag), then pointers, then array dimensions.
/// </summary>
internal sealed record CTypeName(CIntegerType? Integer, CXType? Declared, bool IsVoid, int Pointers, IReadOnlyList<long> Dimensions)
{
    /// <summary>A struct or union tag that no definition in the unit completes (<c>struct X</c>), or null.</summary>
    public string? IncompleteTag { get; init; }

    private const long PointerBytes = 8;

    /// <summary>The integer type a cast converts to: only a plain integer type (through typedefs) qualifies.</summary>
    public CIntegerType? AsInteger => Pointers == 0 && Dimensions.Count == 0 ? Integer : null;

    /// <summary><c>sizeof</c> of the type, or null when clang would not give one (incomplete, <c>void</c>).</summary>
    public unsafe long? SizeOf()
    {
        long element;
        if (Pointers > 0)
        {
            element = PointerBytes;
        }
        else if (IncompleteTag is not null)
        {
            return null;
        }
        else if (Integer is CIntegerType integer)
        {
            element = integer.Bits / 8;
        }
        else if (Declared is CXType type)
        {
            element = LibClang.clang_Type_getSizeOf(type);
        }
        else
        {
            return null;
        }

        if (element <= 0)
        {
            return null;
        }

        // Beyond what a long holds no C object fits (clang rejects it with its own message): unknown here, clang decides.
        long size = element;
        foreach (long dimension in Dimensions)
        {
            if (dimension != 0 && size > long.MaxValue / dimension)
            {
                return null;
            }

            size *= dimension;
        }

        return size;
    }
}

/// <summary>
/// Reads type names from tokens against the first translation unit's declarations: typedef names, tags, and the
/// integer type specifiers of an LP64 target (plain <c>char</c>'s signedness given).
/// </summary>
internal sealed unsafe class CTypeNames
{
    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal)
    {
        "const", "volatile", "restrict", "__const", "__const__", "__volatile", "__volatile__", "__restrict", "__restrict__",
    };

    private static readonly HashSet<string> Specifiers = new(StringComparer.Ordinal)
    {
        "void", "char", "short", "int", "long", "signed", "unsigned", "__signed", "__signed__", "_Bool", "float", "double",
        "__int128", "_Complex", "__complex__", "typeof", "__typeof__", "__typeof", "_Atomic", "struct", "union", "enum",
    };

    private readonly Dictionary<string, CXType> _typedefs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CXCursor> _tags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ambiguous = new(StringComparer.Ordinal);
    private readonly bool _charSigned;

    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);

    public CTypeNames(DeclarationIndex index, bool charSigned, IEnumerable<string> enumerators)
    {
        _charSigned = charSigned;
        _declared.UnionWith(enumerators);
        _declared.UnionWith(index.FunctionNames);
        foreach (CXCursor variable in index.Variables)
        {
            _declared.Add(Clang.Spelling(variable));
        }

        foreach (CXCursor typedef in index.Typedefs)
        {
            string name = Clang.Spelling(typedef);
            CXType type = LibClang.clang_getCursorType(typedef);
            if (_typedefs.TryGetValue(name, out CXType known) && Clang.Spelling(Clang.Canonical(known)) != Clang.Spelling(Clang.Canonical(type)))
            {
                _ambiguous.Add(name);
            }

            _typedefs.TryAdd(name, type);
        }

        foreach (CXCursor record in index.Records)
        {
            AddTag((record.Kind == CXCursorKind.UnionDecl ? "union " : "struct ") + Clang.Spelling(record), record);
        }

        foreach (CXCursor declaration in index.Enums)
        {
            AddTag("enum " + Clang.Spelling(declaration), declaration);
        }
    }

    /// <summary>
    /// Whether nothing in the unit declares <paramref name="name"/> as an ordinary identifier: no variable, function,
    /// enumerator, typedef or keyword. Reserved names (<c>__x</c>: builtins, <c>__func__</c>) never count as undeclared.
    /// </summary>
    public bool IsUndeclared(string name) =>
        !name.StartsWith("__", StringComparison.Ordinal) && !_declared.Contains(name) && !_typedefs.ContainsKey(name)
        && !Specifiers.Contains(name) && !Qualifiers.Contains(name) && !Keywords.Contains(name);

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "auto", "break", "case", "continue", "default", "do", "else", "extern", "for", "goto", "if", "inline", "register", "return",
        "sizeof", "static", "switch", "while", "_Alignas", "_Alignof", "_Generic", "_Noreturn", "_Static_assert", "_Thread_local",
        "asm", "typedef", "_Float16", "_Decimal32", "_Decimal64", "_Decimal128", "alignof", "bool", "true", "false", "nullptr",
        "static_assert", "thread_local", "constexpr", "typeof_unqual", "_BitInt", "_Imaginary",
    };

    /// <summary>Whether <paramref name="token"/> begins a type name (so <c>( token …)</c> is a cast, not a parenthesis).</summary>
    public bool StartsTypeName(string token) => Specifiers.Contains(token) || Qualifiers.Contains(token) || _typedefs.ContainsKey(token);

    /// <summary>A type name at <paramref name="at"/>, ending before <paramref name="end"/>; null when it is not one read here.</summary>
    public CTypeName? Read(IReadOnlyList<string> tokens, ref int at, int end, Func<IReadOnlyList<string>, long?> dimension)
    {
        int i = at;
        CIntegerType? integer = null;
        CXType? declared = null;
        bool isVoid = false;
        string? incomplete = null;
        var words = new List<string>();
        for (; i < end; i++)
        {
            string token = tokens[i];
            if (Qualifiers.Contains(token))
            {
                continue;
            }

            if (token is "struct" or "union" or "enum")
            {
                if (words.Count > 0 || declared is not null || i + 1 >= end || !CTokens.IsIdentifier(tokens[i + 1]))
                {
                    return null;
                }

                // An undeclared or only declared tag is incomplete: no size, no layout (the probe says the same).
                string tag = token + " " + tokens[++i];
                if (_ambiguous.Contains(tag))
                {
                    return null;
                }

                if (!_tags.TryGetValue(tag, out CXCursor cursor))
                {
                    // No definition anywhere in the unit: an incomplete struct or union (an enum tag is not read here).
                    if (token == "enum" || incomplete is not null)
                    {
                        return null;
                    }

                    incomplete = tag;
                    continue;
                }

                declared = LibClang.clang_getCursorType(cursor);
                continue;
            }

            if (Specifiers.Contains(token))
            {
                if (declared is not null || incomplete is not null)
                {
                    return null;
                }

                words.Add(token);
                continue;
            }

            if (words.Count == 0 && declared is null && incomplete is null && _typedefs.TryGetValue(token, out CXType typedef) && !_ambiguous.Contains(token))
            {
                declared = typedef;
                continue;
            }

            break;
        }

        if (words.Count > 0)
        {
            if (Builtin(words) is not (CIntegerType type, bool voidType))
            {
                return null;
            }

            integer = voidType ? null : type;
            isVoid = voidType;
        }
        else if (declared is CXType type)
        {
            integer = CIntegerType.Of(Clang.Canonical(type).Kind);
        }
        else if (incomplete is null)
        {
            return null;
        }

        int pointers = 0;
        for (; i < end && (tokens[i] == "*" || Qualifiers.Contains(tokens[i])); i++)
        {
            pointers += tokens[i] == "*" ? 1 : 0;
        }

        var dimensions = new List<long>();
        while (i < end && tokens[i] == "[")
        {
            if (incomplete is not null && pointers == 0)
            {
                return null;
            }

            int close = IoctlForm.CloseOf(tokens, i, end, "[", "]");
            if (close < 0 || dimension(Slice(tokens, i + 1, close)) is not long size || size < 0)
            {
                return null;
            }

            dimensions.Add(size);
            i = close + 1;
        }

        if (isVoid && pointers == 0)
        {
            return null;
        }

        at = i;
        return new CTypeName(integer, declared, isVoid, pointers, dimensions) { IncompleteTag = incomplete };
    }

    private void AddTag(string tag, CXCursor cursor)
    {
        // Two definitions of one tag (possible only in different scopes) are not told apart here.
        if (!_tags.TryAdd(tag, cursor))
        {
            _ambiguous.Add(tag);
        }
    }

    /// <summary>The integer type (or void) that a list of C type specifier keywords names.</summary>
    private (CIntegerType Type, bool Void)? Builtin(List<string> words)
    {
        int longs = 0, shorts = 0, chars = 0, ints = 0, signeds = 0, unsigneds = 0, voids = 0;
        foreach (string word in words)
        {
            switch (word)
            {
                case "long": longs++; break;
                case "short": shorts++; break;
                case "char": chars++; break;
                case "int": ints++; break;
                case "signed" or "__signed" or "__signed__": signeds++; break;
                case "unsigned": unsigneds++; break;
                case "void": voids++; break;
                default: return null;
            }
        }

        if (voids > 0)
        {
            return words.Count == 1 ? (CIntegerType.Int, true) : null;
        }

        if (signeds + unsigneds > 1 || ints > 1 || chars > 1 || shorts > 1 || longs > 2 || (chars + shorts > 0 && longs > 0) || (chars > 0 && (shorts + ints) > 0))
        {
            return null;
        }

        bool unsigned = unsigneds > 0;
        CIntegerKind kind = chars > 0
            ? (signeds > 0 ? CIntegerKind.SignedChar : unsigned ? CIntegerKind.UnsignedChar : CIntegerKind.Char)
            : shorts > 0 ? (unsigned ? CIntegerKind.UnsignedShort : CIntegerKind.Short)
            : longs == 2 ? (unsigned ? CIntegerKind.UnsignedLongLong : CIntegerKind.LongLong)
            : longs == 1 ? (unsigned ? CIntegerKind.UnsignedLong : CIntegerKind.Long)
            : unsigned ? CIntegerKind.UnsignedInt : CIntegerKind.Int;
        bool signedType = kind == CIntegerKind.Char ? _charSigned : !unsigned;
        return (new CIntegerType(kind, signedType), false);
    }

    private static List<string> Slice(IReadOnlyList<string> tokens, int start, int end)
    {
        var slice = new List<string>(end - start);
        for (int i = start; i < end; i++)
        {
            slice.Add(tokens[i]);
        }

        return slice;
    }
}
