using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner.Evaluation;

/// <summary>
/// Evaluates macros from the first translation unit's tokens and declarations, so that the macro probe (a second
/// parse of every header) is needed only for what this does not model. It answers only when it is sure to answer as
/// clang would: a macro it cannot evaluate exactly goes to the probe, never into the model with a guessed value.
/// </summary>
internal sealed unsafe class MacroEvaluator
{
    private readonly MacroTable _macros;
    private readonly MacroExpander _expander;
    private readonly ConstantEvaluator _evaluator;
    private readonly CTypeNames _types;
    private readonly DeclarationIndex _index;

    /// <summary><c>( NAME )</c>, as the probe writes it, for the macro <see cref="Value"/> is asked about.</summary>
    private readonly string[] _parenthesized = { "(", string.Empty, ")" };

    private MacroEvaluator(MacroTable macros, CTypeNames types, IReadOnlyDictionary<string, CInteger> enumerators, DeclarationIndex index)
    {
        _macros = macros;
        _expander = new MacroExpander(macros);
        _types = types;
        _evaluator = new ConstantEvaluator(types, enumerators);
        _index = index;
    }

    /// <summary>
    /// An evaluator for <paramref name="unit"/>, or null for a target whose data model it does not know (only LP64
    /// Linux: x86_64, where plain char is signed, and aarch64, where it is unsigned).
    /// </summary>
    public static MacroEvaluator? For(string target, TranslationUnit unit, DeclarationIndex index, IEnumerable<string> readFiles, MacroTokens tokens)
    {
        bool? charSigned = target.StartsWith("x86_64-", StringComparison.Ordinal) ? true
            : target.StartsWith("aarch64-", StringComparison.Ordinal) ? false
            : null;
        if (charSigned is not bool signedChar || !target.Contains("-linux", StringComparison.Ordinal))
        {
            return null;
        }

        var macros = new MacroTable(tokens, index, UndefinedNames.In(unit, readFiles));
        var enumerators = Enumerators(index, out HashSet<string> enumeratorNames);
        var types = new CTypeNames(index, signedChar, enumeratorNames);
        return new MacroEvaluator(macros, types, enumerators, index);
    }

    /// <summary>
    /// The macro's value as the probe's <c>static const __auto_type v = (NAME);</c> has it, or null; then
    /// <paramref name="rejection"/> is the error clang would report first, when that is certain (else null: ask clang),
    /// and <paramref name="noValue"/> says that clang certainly gives it no integer value (it rejects the probe, or the
    /// value is a string, a type, a floating constant…): only a request still needs clang, for its words.
    /// </summary>
    public MacroValue? Value(string name, out string? rejection, out bool noValue)
    {
        rejection = null;
        _parenthesized[1] = name;
        if (_expander.Expand(_parenthesized) is not IReadOnlyList<string> expanded)
        {
            // Not expanded here (a variadic macro inside, say), but "({" is a statement expression, rejected at file scope.
            noValue = _macros.FirstToken(name) == "{";
            return null;
        }

        CInteger? value = _evaluator.Evaluate(expanded);
        rejection = value is null ? _evaluator.Rejection : null;
        noValue = value is null && (_evaluator.Undeclared || NonIntegerExpansions.Certain(expanded, _types));
        return value is CInteger known ? ToValue(known) : null;
    }

    /// <summary>Whether the last expansion gave up at <see cref="MacroExpander.MaxTokens"/> tokens.</summary>
    public bool ExpansionTooLarge => _expander.TooLarge;

    /// <summary>The value of an expression (macros expanded), or null.</summary>
    public CInteger? Evaluate(IReadOnlyList<string> tokens) =>
        _expander.Expand(tokens) is IReadOnlyList<string> expanded ? _evaluator.Evaluate(expanded) : null;

    /// <summary>
    /// The layout of an ioctl argument type as the probe's <c>typedef __typeof__(T) arg;</c> gives it, its records
    /// queued on <paramref name="records"/>; null when the type is not read here (the probe decides).
    /// </summary>
    public ArgumentLayout? Argument(string cType, TypeShapes shapes, RecordCollector records, out bool incomplete)
    {
        incomplete = false;
        if (_expander.Expand(cType.Split(' ', StringSplitOptions.RemoveEmptyEntries)) is not IReadOnlyList<string> tokens
            || _evaluator.TypeName(tokens) is not CTypeName name)
        {
            return null;
        }

        if (name.SizeOf() is not long size)
        {
            // The probe's typedef of an incomplete struct has no size, and no argument layout either.
            incomplete = name.IncompleteTag is not null && name.Pointers == 0 && name.Dimensions.Count == 0;
            return null;
        }

        AbiType? shape;
        if (name.Pointers > 0)
        {
            shape = AbiType.Scalar(AbiPrimitive.Pointer);
        }
        else if (name.Integer is CIntegerType integer)
        {
            shape = AbiType.Scalar(integer.Primitive);
        }
        else if (name.Declared is CXType declared && NamedRecords(declared))
        {
            shape = shapes.Shape(declared, record => records.Reference(record, TypeShapes.Spell(declared)));
        }
        else
        {
            return null;
        }

        if (shape is null)
        {
            return null;
        }

        return new ArgumentLayout(shape with { Dimensions = name.Dimensions.Concat(shape.Dimensions).ToEquatableArray() }, size);
    }

    public static MacroValue ToValue(CInteger value) => new(
        value.Type.Signed ? value.Signed.ToString(CultureInfo.InvariantCulture) : value.Bits.ToString(CultureInfo.InvariantCulture),
        value.Bits,
        value.Type.Primitive,
        value.Type.Spelling);

    /// <summary>Whether a record the type holds has a name of its own (else the probe names it, from its typeof spelling).</summary>
    private bool NamedRecords(CXType type)
    {
        CXType element = Clang.Canonical(type);
        while (element.Kind is CXTypeKind.ConstantArray or CXTypeKind.IncompleteArray)
        {
            element = Clang.Canonical(LibClang.clang_getArrayElementType(element));
        }

        return element.Kind != CXTypeKind.Record || _index.NameOf(LibClang.clang_getTypeDeclaration(element)) is not null;
    }

    /// <summary>
    /// Every enumerator with its type as gcc (C17) gives it: int when the value fits in int (clang would give a wider
    /// enum's enumerators the enum's type: <see cref="GccEnumeratorTypes"/>), else clang's type when it is an integer one.
    /// </summary>
    private static Dictionary<string, CInteger> Enumerators(DeclarationIndex index, out HashSet<string> names)
    {
        names = new HashSet<string>(StringComparer.Ordinal);
        var enumerators = new Dictionary<string, CInteger>(StringComparer.Ordinal);
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        foreach (CXCursor declaration in index.Enums)
        {
            string? underlying = TypeShapes.Primitive(Clang.Canonical(LibClang.clang_getEnumDeclIntegerType(declaration)));
            foreach (CXCursor constant in Clang.Children(declaration))
            {
                if (constant.Kind != CXCursorKind.EnumConstantDecl)
                {
                    continue;
                }

                string name = Clang.Spelling(constant);
                names.Add(name);
                if (underlying is null)
                {
                    duplicates.Add(name);
                    continue;
                }

                long value = EnumCollector.Value(constant, underlying);
                bool fitsInt = value is >= int.MinValue and <= int.MaxValue && !(underlying == "u64" && value < 0);
                CIntegerType? type = fitsInt ? CIntegerType.Int : CIntegerType.Of(Clang.Canonical(LibClang.clang_getCursorType(constant)).Kind);
                if (type is not CIntegerType known || !enumerators.TryAdd(name, new CInteger(known, CInteger.Normalize((ulong)value, known))))
                {
                    duplicates.Add(name);
                }
            }
        }

        foreach (string name in duplicates)
        {
            enumerators.Remove(name);
        }

        return enumerators;
    }
}
