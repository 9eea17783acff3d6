using System;
using System.Collections.Generic;
using System.Globalization;

namespace Mshv.Scanner.Evaluation;

/// <summary>
/// Evaluates a macro-expanded C integer constant expression with C's types (C11 6.4.4.1 literal types, integer
/// promotions, usual arithmetic conversions, casts and <c>sizeof</c> of a type name) on an LP64 target. Whatever it
/// does not model exactly as clang evaluates it (floating point, signed overflow, shifts out of range, comma,
/// <c>sizeof</c> of an expression, strings, a name that is not an enumerator, GNU extensions) makes it give up: the
/// caller then lets clang decide.
/// </summary>
internal sealed class ConstantEvaluator
{
    private readonly CTypeNames _types;
    private readonly IReadOnlyDictionary<string, CInteger> _enumerators;
    private IReadOnlyList<string> _tokens = Array.Empty<string>();
    private int _at;
    private bool _failed;
    private string? _rejection;
    private bool _undeclared;

    // Nesting of parentheses, conditionals and unary operators, bounded as clang bounds brackets (256): a million '('
    // would otherwise overflow the stack, which ends the process. Beyond it this evaluator gives up and clang decides.
    private const int MaxDepth = 256;
    private int _depth;

    /// <summary>Whether the expression last evaluated uses a name nothing declares: clang rejects it (with a message of its own).</summary>
    public bool Undeclared { get; private set; }

    /// <summary>clang's error for the expression last evaluated when it is sure to be clang's first one, else null.</summary>
    public string? Rejection { get; private set; }

    public ConstantEvaluator(CTypeNames types, IReadOnlyDictionary<string, CInteger> enumerators)
    {
        _types = types;
        _enumerators = enumerators;
    }

    /// <summary>The value of the whole token list as one expression, or null.</summary>
    public CInteger? Evaluate(IReadOnlyList<string> tokens)
    {
        IReadOnlyList<string> saved = _tokens;
        int savedAt = _at;
        bool savedFailed = _failed;
        _tokens = tokens;
        _at = 0;
        _failed = false;
        _rejection = null;
        _undeclared = false;
        try
        {
            CInteger value = Conditional();
            Rejection = _rejection;
            Undeclared = _undeclared;
            return _failed || _at != tokens.Count ? null : value;
        }
        finally
        {
            _tokens = saved;
            _at = savedAt;
            _failed = savedFailed;
        }
    }

    /// <summary>A type name spanning all of <paramref name="tokens"/>, or null.</summary>
    public CTypeName? TypeName(IReadOnlyList<string> tokens)
    {
        int at = 0;
        CTypeName? name = _types.Read(tokens, ref at, tokens.Count, Dimension);
        return at == tokens.Count ? name : null;
    }

    private long? Dimension(IReadOnlyList<string> tokens) =>
        Evaluate(tokens) is CInteger value && (!value.Type.Signed || value.Signed >= 0) && value.Bits <= int.MaxValue ? (long)value.Bits : null;

    private string? Peek => _at < _tokens.Count ? _tokens[_at] : null;

    private CInteger Fail()
    {
        _failed = true;
        _at = _tokens.Count + 1;
        return default;
    }

    private bool Accept(string token)
    {
        if (Peek == token)
        {
            _at++;
            return true;
        }

        return false;
    }

    private CInteger Conditional()
    {
        if (_depth >= MaxDepth)
        {
            return Fail();
        }

        _depth++;
        CInteger result = ConditionalAt();
        _depth--;
        return result;
    }

    private CInteger ConditionalAt()
    {
        CInteger condition = LogicalOr();
        if (_failed || !Accept("?"))
        {
            return condition;
        }

        CInteger whenTrue = Conditional();
        if (_failed || !Accept(":"))
        {
            return Fail();
        }

        CInteger whenFalse = Conditional();
        if (_failed)
        {
            return default;
        }

        CIntegerType type = Common(Promote(whenTrue.Type), Promote(whenFalse.Type));
        return (condition.IsZero ? whenFalse : whenTrue).ConvertTo(type);
    }

    private CInteger LogicalOr()
    {
        CInteger left = LogicalAnd();
        while (!_failed && Accept("||"))
        {
            CInteger right = LogicalAnd();
            left = Truth(!left.IsZero || !right.IsZero);
        }

        return left;
    }

    private CInteger LogicalAnd()
    {
        CInteger left = Binary(0);
        while (!_failed && Accept("&&"))
        {
            CInteger right = Binary(0);
            left = Truth(!left.IsZero && !right.IsZero);
        }

        return left;
    }

    /// <summary>
    /// A binary operator's precedence level, from '|' (0) down to '*', '/' and '%' (7), C's order; -1 for anything else.
    /// </summary>
    private static int LevelOf(string op) => op switch
    {
        "|" => 0,
        "^" => 1,
        "&" => 2,
        "==" or "!=" => 3,
        "<" or ">" or "<=" or ">=" => 4,
        "<<" or ">>" => 5,
        "+" or "-" => 6,
        "*" or "/" or "%" => 7,
        _ => -1,
    };

    /// <summary>
    /// The binary operators of level <paramref name="minimum"/> and tighter, left to right (precedence climbing: the same
    /// tree as one function per level, without eight calls per operand).
    /// </summary>
    private CInteger Binary(int minimum)
    {
        CInteger left = Cast();
        while (!_failed && Peek is string op && LevelOf(op) is int level && level >= minimum)
        {
            _at++;
            CInteger right = Binary(level + 1);
            if (_failed)
            {
                return default;
            }

            left = Apply(op, left, right);
        }

        return left;
    }

    private CInteger Cast()
    {
        if (_depth >= MaxDepth)
        {
            return Fail();
        }

        _depth++;
        CInteger result = CastAt();
        _depth--;
        return result;
    }

    private CInteger CastAt()
    {
        if (Peek == "(" && _at + 1 < _tokens.Count && _types.StartsTypeName(_tokens[_at + 1]))
        {
            int close = IoctlForm.CloseOf(_tokens, _at);
            if (close < 0)
            {
                return Fail();
            }

            int at = _at + 1;
            if (_types.Read(_tokens, ref at, close, Dimension) is not CTypeName name || at != close || name.AsInteger is not CIntegerType type)
            {
                return Fail();
            }

            _at = close + 1;
            CInteger operand = Cast();
            return _failed ? default : operand.ConvertTo(type);
        }

        return Unary();
    }

    private CInteger Unary()
    {
        switch (Peek)
        {
            case "+":
                _at++;
                CInteger plus = Cast();
                return _failed ? default : plus.ConvertTo(Promote(plus.Type));
            case "-":
            {
                _at++;
                CInteger operand = Cast();
                if (_failed)
                {
                    return default;
                }

                CIntegerType type = Promote(operand.Type);
                return Checked(-operand.ConvertTo(type).Wide, type);
            }

            case "~":
            {
                _at++;
                CInteger operand = Cast();
                if (_failed)
                {
                    return default;
                }

                CIntegerType type = Promote(operand.Type);
                return new CInteger(type, CInteger.Normalize(~operand.ConvertTo(type).Bits, type));
            }

            case "!":
                _at++;
                CInteger negated = Cast();
                return _failed ? default : Truth(negated.IsZero);
            case "sizeof":
                return SizeOf();
            default:
                return Primary();
        }
    }

    private CInteger SizeOf()
    {
        _at++;
        // Only sizeof (type-name): the size of an expression needs its type, which clang knows and this does not.
        if (Peek != "(" || _at + 1 >= _tokens.Count || !_types.StartsTypeName(_tokens[_at + 1]))
        {
            return Fail();
        }

        int close = IoctlForm.CloseOf(_tokens, _at);
        int at = _at + 1;
        if (close < 0 || _types.Read(_tokens, ref at, close, Dimension) is not CTypeName name || at != close)
        {
            return Fail();
        }

        if (name.SizeOf() is not long size)
        {
            // Everything left of it was accepted, so this is the first error clang reports on the line.
            if (name.IncompleteTag is string tag && name.Pointers == 0 && name.Dimensions.Count == 0)
            {
                _rejection ??= "invalid application of 'sizeof' to an incomplete type '" + tag + "'";
            }

            return Fail();
        }

        _at = close + 1;
        return new CInteger(CIntegerType.UnsignedLong, (ulong)size);
    }

    private CInteger Primary()
    {
        string? token = Peek;
        if (token is null)
        {
            return Fail();
        }

        _at++;
        if (token == "(")
        {
            CInteger inner = Conditional();
            return _failed || !Accept(")") ? Fail() : inner;
        }

        CInteger value;
        if (CTokens.IsNumber(token))
        {
            value = Literal(token) ?? Fail();
        }
        else if (CTokens.IsCharacterLiteral(token))
        {
            value = Character(token) ?? Fail();
        }
        else if (CTokens.IsIdentifier(token) && _enumerators.TryGetValue(token, out CInteger enumerator))
        {
            value = enumerator;
        }
        else
        {
            // Left of it everything was accepted, so clang's first error is here ("use of undeclared identifier").
            _undeclared |= CTokens.IsIdentifier(token) && Peek != "(" && _types.IsUndeclared(token);
            return Fail();
        }

        // Postfix operators (calls, subscripts, members, increments) are nothing an integer constant has.
        return Peek is "(" or "[" or "." or "->" or "++" or "--" ? Fail() : value;
    }

    private CInteger Apply(string op, CInteger left, CInteger right)
    {
        if (op is "<<" or ">>")
        {
            CIntegerType type = Promote(left.Type);
            CInteger value = left.ConvertTo(type);
            CInteger count = right.ConvertTo(Promote(right.Type));
            if ((count.Type.Signed && count.Signed < 0) || count.Bits >= (ulong)type.Bits || (type.Signed && value.Signed < 0))
            {
                return Fail();
            }

            int shift = (int)count.Bits;
            // clang wraps a signed left shift whose bits leave the type (C leaves it undefined; gcc wraps too).
            ulong bits = op == "<<" ? value.Bits << shift : type.Signed ? (ulong)(value.Signed >> shift) : value.Bits >> shift;
            return new CInteger(type, CInteger.Normalize(bits, type));
        }

        CIntegerType common = Common(Promote(left.Type), Promote(right.Type));
        CInteger a = left.ConvertTo(common);
        CInteger b = right.ConvertTo(common);
        switch (op)
        {
            case "==": return Truth(a.Bits == b.Bits);
            case "!=": return Truth(a.Bits != b.Bits);
            case "<": return Truth(a.Wide < b.Wide);
            case ">": return Truth(a.Wide > b.Wide);
            case "<=": return Truth(a.Wide <= b.Wide);
            case ">=": return Truth(a.Wide >= b.Wide);
            case "&": return new CInteger(common, a.Bits & b.Bits);
            case "|": return new CInteger(common, a.Bits | b.Bits);
            case "^": return new CInteger(common, a.Bits ^ b.Bits);
            case "+": return Checked(a.Wide + b.Wide, common);
            case "-": return Checked(a.Wide - b.Wide, common);
            case "*": return Checked(a.Wide * b.Wide, common);
            case "/" or "%":
                if (b.IsZero)
                {
                    return Fail();
                }

                return Checked(op == "/" ? a.Wide / b.Wide : a.Wide % b.Wide, common);
            default: return Fail();
        }
    }

    /// <summary>An arithmetic result: unsigned wraps; signed overflow is left to clang.</summary>
    private CInteger Checked(Int128 value, CIntegerType type)
    {
        if (type.Signed)
        {
            return CInteger.Fits(value, type) ? new CInteger(type, (ulong)(long)value) : Fail();
        }

        return new CInteger(type, CInteger.Normalize((ulong)(value & ulong.MaxValue), type));
    }

    private static CInteger Truth(bool value) => new(CIntegerType.Int, value ? 1UL : 0UL);

    /// <summary>C11 6.3.1.1: every type ranked below int becomes int (int holds all their values on this target).</summary>
    private static CIntegerType Promote(CIntegerType type) => type.Rank < CIntegerType.Int.Rank ? CIntegerType.Int : type;

    /// <summary>C11 6.3.1.8, the usual arithmetic conversions of two promoted integer types.</summary>
    private static CIntegerType Common(CIntegerType a, CIntegerType b)
    {
        if (a == b)
        {
            return a;
        }

        if (a.Signed == b.Signed)
        {
            return a.Rank >= b.Rank ? a : b;
        }

        CIntegerType unsignedType = a.Signed ? b : a;
        CIntegerType signedType = a.Signed ? a : b;
        if (unsignedType.Rank >= signedType.Rank)
        {
            return unsignedType;
        }

        return signedType.Bits > unsignedType.Bits ? signedType : signedType.ToUnsigned();
    }

    /// <summary>The candidate types of C11 6.4.4.1's lists, in their order (each suffix and radix allows some of them).</summary>
    private static readonly CIntegerType[] LiteralTypes =
    {
        CIntegerType.Int, new(CIntegerKind.UnsignedInt, false), new(CIntegerKind.Long, true), CIntegerType.UnsignedLong,
        new(CIntegerKind.LongLong, true), new(CIntegerKind.UnsignedLongLong, false),
    };

    /// <summary>An integer constant with the first type of its C11 6.4.4.1 list that holds it; null for anything else.</summary>
    private static CInteger? Literal(string token)
    {
        int end = token.Length;
        while (end > 0 && token[end - 1] is 'u' or 'U' or 'l' or 'L')
        {
            end--;
        }

        if (Suffix(token.AsSpan(end)) is not (bool unsignedSuffix, int longs))
        {
            return null;
        }

        int radix = 10;
        int start = 0;
        if (end >= 2 && token[0] == '0' && token[1] is 'x' or 'X')
        {
            radix = 16;
            start = 2;
        }
        else if (end >= 2 && token[0] == '0' && token[1] is 'b' or 'B')
        {
            radix = 2;
            start = 2;
        }
        else if (end > 1 && token[0] == '0')
        {
            radix = 8;
            start = 1;
        }

        if (start >= end)
        {
            return null;
        }

        ulong value = 0;
        for (int i = start; i < end; i++)
        {
            int digit = HexValue(token[i]);
            if (digit < 0 || digit >= radix)
            {
                return null;
            }

            UInt128 next = (UInt128)value * (ulong)radix + (ulong)digit;
            if (next > ulong.MaxValue)
            {
                return null;
            }

            value = (ulong)next;
        }

        // A decimal constant without u takes only signed types; with u, only unsigned ones; each l raises the first.
        bool decimalOnlySigned = radix == 10;
        foreach (CIntegerType type in LiteralTypes)
        {
            bool allowed = type.Kind switch
            {
                CIntegerKind.Int => longs == 0 && !unsignedSuffix,
                CIntegerKind.UnsignedInt => longs == 0 && (unsignedSuffix || !decimalOnlySigned),
                CIntegerKind.Long => longs <= 1 && !unsignedSuffix,
                CIntegerKind.UnsignedLong => longs <= 1 && (unsignedSuffix || !decimalOnlySigned),
                CIntegerKind.LongLong => !unsignedSuffix,
                _ => unsignedSuffix || !decimalOnlySigned,
            };
            if (allowed && CInteger.Fits(value, type))
            {
                return new CInteger(type, value);
            }
        }

        return null;
    }

    /// <summary>An integer suffix: at most one u (either case, first or last) and l, L, ll or LL; null for anything else.</summary>
    private static (bool Unsigned, int Longs)? Suffix(ReadOnlySpan<char> suffix)
    {
        bool unsignedSuffix = false;
        if (suffix.Length > 0 && suffix[0] is 'u' or 'U')
        {
            unsignedSuffix = true;
            suffix = suffix.Slice(1);
        }
        else if (suffix.Length > 0 && suffix[^1] is 'u' or 'U')
        {
            unsignedSuffix = true;
            suffix = suffix.Slice(0, suffix.Length - 1);
        }

        return suffix switch
        {
            "" => (unsignedSuffix, 0),
            "l" or "L" => (unsignedSuffix, 1),
            "ll" or "LL" => (unsignedSuffix, 2),
            _ => null,
        };
    }

    private static int HexValue(char c) =>
        c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : -1;

    /// <summary>A one-character constant without prefix whose value is below 0x80 (above, plain char's signedness decides): an int.</summary>
    private static CInteger? Character(string token)
    {
        if (token.Length < 3 || token[0] != '\'' || token[^1] != '\'')
        {
            return null;
        }

        string body = token.Substring(1, token.Length - 2);
        int value;
        if (body.Length == 1 && body[0] != '\\' && body[0] != '\'')
        {
            value = body[0];
        }
        else if (body.Length >= 2 && body[0] == '\\')
        {
            string escape = body.Substring(1);
            if (escape.Length == 1 && Simple(escape[0]) is int simple)
            {
                value = simple;
            }
            else if (escape[0] == 'x' && escape.Length is >= 2 and <= 3 && int.TryParse(escape.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int hex))
            {
                value = hex;
            }
            else if (escape.Length <= 3 && System.Linq.Enumerable.All(escape, c => c is >= '0' and <= '7'))
            {
                value = Convert.ToInt32(escape, 8);
            }
            else
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        return value is >= 0 and < 0x80 ? new CInteger(CIntegerType.Int, (ulong)value) : null;
    }

    private static int? Simple(char escape) => escape switch
    {
        'n' => 10, 't' => 9, 'r' => 13, 'a' => 7, 'b' => 8, 'f' => 12, 'v' => 11, '\\' => '\\', '\'' => '\'', '"' => '"', '?' => '?',
        _ => escape is >= '0' and <= '7' ? escape - '0' : null,
    };
}
