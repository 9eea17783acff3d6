using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Mshv.Abi;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>An integer macro as clang evaluated it.</summary>
internal sealed record MacroValue(string Value, ulong Bits, string Primitive, string CType);

/// <summary>The fields of an ioctl request as the headers' own <c>_IOC_DIR/_IOC_TYPE/_IOC_NR/_IOC_SIZE</c> decode them.</summary>
internal sealed record IoctlFields(ulong Direction, ulong Type, ulong Number, ulong Size);

/// <summary>The headers' <c>_IOC_NONE</c>, <c>_IOC_READ</c> and <c>_IOC_WRITE</c> direction bits.</summary>
internal sealed record IoctlDirectionBits(ulong None, ulong Read, ulong Write);

/// <summary>An ioctl argument type as clang laid it out.</summary>
internal sealed record ArgumentLayout(AbiType Shape, long Size);

/// <summary>The first translation unit's macro evaluator, with the shapes and the record collector its ioctl arguments use.</summary>
internal sealed record FirstUnitEvaluation(Evaluation.MacroEvaluator Evaluator, TypeShapes Shapes, System.Func<RecordCollector> NewRecords)
{
    /// <summary>The records the macro probe's ioctl arguments reference (the request builders' get a collector of their own).</summary>
    public RecordCollector Records { get; } = NewRecords();
}

/// <summary>
/// Lets clang evaluate the macros: a second translation unit includes the same headers and declares
/// <c>static const __auto_type __mshv_probe_NAME = (NAME);</c> per macro and
/// <c>typedef __typeof__(ARG) __mshv_arg_NAME;</c> per ioctl argument (typeof, so array arguments such as <c>unsigned int[2]</c> parse too). A probe clang rejects only drops its macro.
/// Ioctl requests are decoded by the headers' own <c>_IOC_DIR</c>/<c>_IOC_TYPE</c>/<c>_IOC_NR</c>/<c>_IOC_SIZE</c>, because the bit
/// layout differs between architectures (powerpc, mips, sparc) and can be redefined through asm-generic's <c>#ifndef</c> hooks:
/// when all four are <c>((nr &gt;&gt; SHIFT) &amp; MASK)</c> (<see cref="ShiftMaskField"/>), only their shifts and masks are probed
/// and each request is decoded from its folded value; otherwise each field of each request is probed.
/// </summary>
internal sealed unsafe class MacroProbe
{
    private const string ConstantDeclaration = "static const __auto_type ";
    private const string ValuePrefix = "__mshv_probe_";
    private const string ArgumentPrefix = "__mshv_arg_";
    private const string FieldPrefix = "__mshv_iocf_";
    private const string DirectionPrefix = "__mshv_iocd_";
    private const string ShiftPrefix = "__mshv_iocs_";
    private const string MaskPrefix = "__mshv_iocm_";
    private static readonly string[] FieldMacros = { "DIR", "TYPE", "NR", "SIZE" };
    private static readonly string[] DirectionMacros = { "NONE", "READ", "WRITE" };

    private readonly Dictionary<string, ulong> _fieldValues = new(System.StringComparer.Ordinal);

    /// <summary>Whether the four field macros are shift-and-mask forms, decoded here from each folded request.</summary>
    private bool _shiftMask;

    public Dictionary<string, MacroValue> Values { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Why clang rejected a macro's value probe (its first error there), by macro name.</summary>
    public Dictionary<string, string> Rejections { get; } = new(System.StringComparer.Ordinal);

    public Dictionary<string, ArgumentLayout> Arguments { get; } = new(System.StringComparer.Ordinal);

    /// <summary>The direction bits, or null when the headers do not define <c>_IOC_NONE/_IOC_READ/_IOC_WRITE</c>.</summary>
    public IoctlDirectionBits? DirectionBits { get; private set; }

    /// <summary>A request's fields as the headers decode them, or null when <c>_IOC_DIR</c> and friends are unavailable.</summary>
    public IoctlFields? FieldsOf(string name)
    {
        if (_shiftMask)
        {
            return Values.TryGetValue(name, out MacroValue? value) && Field("DIR", value) is ulong dir && Field("TYPE", value) is ulong kind
                && Field("NR", value) is ulong nr && Field("SIZE", value) is ulong bytes
                ? new IoctlFields(dir, kind, nr, bytes)
                : null;
        }

        return _fieldValues.TryGetValue("DIR_" + name, out ulong direction) && _fieldValues.TryGetValue("TYPE_" + name, out ulong type)
            && _fieldValues.TryGetValue("NR_" + name, out ulong number) && _fieldValues.TryGetValue("SIZE_" + name, out ulong size)
                ? new IoctlFields(direction, type, number, size)
                : null;
    }

    private ulong? Field(string field, MacroValue request) =>
        _fieldValues.TryGetValue(ShiftPrefix + field, out ulong shift) && _fieldValues.TryGetValue(MaskPrefix + field, out ulong mask)
            ? ShiftMaskField.Decode(request.Bits, shift, mask)
            : null;

    /// <summary>The ioctl field constants (shifts, masks, directions, or each request's fields), by probe name.</summary>
    public IReadOnlyDictionary<string, ulong> FieldValues => _fieldValues;

    /// <summary>Records that ioctl arguments need, read from the probe unit.</summary>
    public Dictionary<string, AbiRecord> Records { get; private set; } = new(System.StringComparer.Ordinal);

    /// <summary>
    /// Evaluates the macros, ioctl fields and argument types: first with <paramref name="first"/>'s evaluator on the
    /// first translation unit, then, for whatever it left, with clang in a probe unit (parsed only when something is left).
    /// </summary>
    public static MacroProbe? Run(
        string headerIncludes, IReadOnlyList<string> arguments, IncludeSearch search, IEnumerable<string> listedHeaders,
        IReadOnlyList<MacroDefinition> macros, IReadOnlyDictionary<string, IoctlForm> ioctls, IEnumerable<string> requests, FunctionMacros functionMacros,
        List<ScanDiagnostic> diagnostics, FirstUnitEvaluation? first = null)
    {
        var shiftMask = FieldMacros.Select(field => functionMacros.TryGetValue("_IOC_" + field, out FunctionMacro? macro) ? ShiftMaskField.Of(macro) : null).ToList();
        var probe = new MacroProbe { _shiftMask = shiftMask.All(form => form is not null) };
        var work = new ProbeWork();
        foreach (MacroDefinition macro in macros)
        {
            string? rejection = null;
            bool noValue = false;
            if (first?.Evaluator.Value(macro.Name, out rejection, out noValue) is MacroValue value)
            {
                probe.Values[macro.Name] = value;
            }
            else if (first?.Evaluator.ExpansionTooLarge == true)
            {
                // clang's probe would expand the same tokens, for as long: the macro is left out, saying why.
                diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.ExpansionTooLarge, ScanSeverity.Warning, macro.File, macro.Line,
                    "macro " + macro.Name + " expands to more than " + Evaluation.MacroExpander.MaxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + " tokens; it is left out (clang would take as long to fold it)"));
                continue;
            }
            else if (rejection is not null)
            {
                probe.Rejections[macro.Name] = rejection;
            }
            else if (noValue && !ioctls.ContainsKey(macro.Name))
            {
                // clang gives it no value for certain; only a request's rejection is reported, with clang's own words.
                continue;
            }
            else
            {
                work.Macros.Add(macro);
            }
        }

        ScanPhases.Mark("macro values from the first unit");
        foreach ((string name, IoctlForm form) in ioctls.OrderBy(pair => pair.Key, System.StringComparer.Ordinal))
        {
            if (form.ArgumentCType is not string argument)
            {
                continue;
            }

            bool incomplete = false;
            if (first?.Evaluator.Argument(argument, first.Shapes, first.Records, out incomplete) is ArgumentLayout layout)
            {
                probe.Arguments[name] = layout;
            }
            else if (incomplete)
            {
                continue;
            }
            else
            {
                work.Arguments.Add((name, argument));
            }
        }

        if (probe._shiftMask)
        {
            var constants = new List<(string Name, string Expression)>();
            for (int i = 0; i < FieldMacros.Length; i++)
            {
                constants.Add((ShiftPrefix + FieldMacros[i], shiftMask[i]!.Shift));
                constants.Add((MaskPrefix + FieldMacros[i], shiftMask[i]!.Mask));
            }

            work.ShiftMask = !probe.TryEvaluate(first, constants.Select(c => (c.Name, (IReadOnlyList<string>)new[] { "(", c.Expression, ")" })));
        }
        else
        {
            foreach (string name in requests.Distinct().OrderBy(name => name, System.StringComparer.Ordinal))
            {
                foreach (string field in FieldMacros)
                {
                    if (!probe.TryEvaluate(first, new[] { (field + "_" + name, (IReadOnlyList<string>)new[] { "_IOC_" + field, "(", name, ")" }) }))
                    {
                        work.Fields.Add((field, name));
                    }
                }
            }
        }

        work.Directions = !probe.TryEvaluate(first, DirectionMacros.Select(d => (DirectionPrefix + d, (IReadOnlyList<string>)new[] { "(", "_IOC_" + d, ")" })));
        if (first is not null)
        {
            first.Records.Drain();
            probe.Records = first.Records.Records;
        }

        if (!work.IsEmpty && !probe.RunProbeUnit(headerIncludes, arguments, search, listedHeaders, work, shiftMask, diagnostics))
        {
            return null;
        }

        if (probe._fieldValues.TryGetValue(DirectionPrefix + "NONE", out ulong none) && probe._fieldValues.TryGetValue(DirectionPrefix + "READ", out ulong read)
            && probe._fieldValues.TryGetValue(DirectionPrefix + "WRITE", out ulong write))
        {
            probe.DirectionBits = new IoctlDirectionBits(none, read, write);
        }

        return probe;
    }

    /// <summary>Evaluates all of <paramref name="constants"/> with the first unit's evaluator into the field values, or none of them.</summary>
    private bool TryEvaluate(FirstUnitEvaluation? first, IEnumerable<(string Name, IReadOnlyList<string> Tokens)> constants)
    {
        if (first is null)
        {
            return false;
        }

        var values = new List<(string, ulong)>();
        foreach ((string name, IReadOnlyList<string> tokens) in constants)
        {
            if (first.Evaluator.Evaluate(tokens) is not Evaluation.CInteger value)
            {
                return false;
            }

            values.Add((name, value.Bits));
        }

        foreach ((string name, ulong bits) in values)
        {
            _fieldValues[name] = bits;
        }

        return true;
    }

    /// <summary>Lets clang evaluate what the first unit's evaluator left, in a unit of its own; false when libclang parsed nothing.</summary>
    private bool RunProbeUnit(
        string headerIncludes, IReadOnlyList<string> arguments, IncludeSearch search, IEnumerable<string> listedHeaders, ProbeWork work,
        List<ShiftMaskField?> shiftMask, List<ScanDiagnostic> diagnostics)
    {
        var source = new StringBuilder(headerIncludes);
        // The name each probe line declares, one a line, in order: the reader finds each declaration by its line.
        var declared = new List<string>();
        void Constant(string name, string expression)
        {
            source.Append(ConstantDeclaration).Append(name).Append(" = ").Append(expression).Append(";\n");
            declared.Add(name);
        }

        foreach (MacroDefinition macro in work.Macros)
        {
            Constant(ValuePrefix + macro.Name, "(" + macro.Name + ")");
        }

        foreach ((string name, string argument) in work.Arguments)
        {
            source.Append("typedef __typeof__(").Append(argument).Append(") ").Append(ArgumentPrefix).Append(name).Append(";\n");
            declared.Add(ArgumentPrefix + name);
        }

        if (work.ShiftMask)
        {
            for (int i = 0; i < FieldMacros.Length; i++)
            {
                Constant(ShiftPrefix + FieldMacros[i], "(" + shiftMask[i]!.Shift + ")");
                Constant(MaskPrefix + FieldMacros[i], "(" + shiftMask[i]!.Mask + ")");
            }
        }

        foreach ((string field, string name) in work.Fields)
        {
            Constant(FieldPrefix + field + "_" + name, "_IOC_" + field + "(" + name + ")");
        }

        if (work.Directions)
        {
            foreach (string direction in DirectionMacros)
            {
                Constant(DirectionPrefix + direction, "(_IOC_" + direction + ")");
            }
        }

        // The unit is read by its declarations, never by its macros: no preprocessing record to build.
        using TranslationUnit? unit = TranslationUnit.Parse(source.ToString(), arguments, out int errorCode, macros: false);
        ScanPhases.Mark("probe unit parse");
        if (unit is null)
        {
            diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.ClangUnavailable, ScanSeverity.Error, null, 0, "libclang could not parse the macro probes (error code " + errorCode + ")"));
            return false;
        }

        // The probes are the lines right after the includes, one a declaration, in order.
        int firstProbeLine = headerIncludes.Count(c => c == '\n') + 1;
        List<(string File, int Line, string Message)> errors = unit.Errors();
        // One probe a line: a line clang rejected is a probe that failed, whatever it managed to declare.
        var rejectedLines = errors.Where(e => e.File == TranslationUnit.MainFileName).Select(e => e.Line).ToHashSet();
        if (work.Arguments.Count > 0 || !ReadLines(unit, declared, firstProbeLine, rejectedLines))
        {
            // Argument types lay out records, which need the unit's declarations indexed.
            Read(unit, search, listedHeaders, rejectedLines, diagnostics);
        }

        foreach ((string file, int line, string message) in errors)
        {
            int index = line - firstProbeLine;
            if (file == TranslationUnit.MainFileName && index >= 0 && index < work.Macros.Count)
            {
                Rejections.TryAdd(work.Macros[index].Name, message);
            }
        }

        return true;
    }

    /// <summary>
    /// Reads each probe constant at its own line (clang finds the declaration there without a walk over every declaration of
    /// the headers); false when the main file is not found, and the whole unit is read instead.
    /// </summary>
    private bool ReadLines(TranslationUnit unit, List<string> declared, int firstProbeLine, HashSet<int> rejectedLines)
    {
        nint main = unit.GetFile(TranslationUnit.MainFileName);
        if (main == 0)
        {
            return false;
        }

        for (int i = 0; i < declared.Count; i++)
        {
            int line = firstProbeLine + i;
            if (rejectedLines.Contains(line))
            {
                continue;
            }

            CXCursor variable = unit.CursorAt(main, line, ConstantDeclaration.Length + 1);
            if (variable.Kind == CXCursorKind.VarDecl && Clang.Spelling(variable) == declared[i] && Evaluate(variable) is MacroValue value)
            {
                Store(declared[i], value);
            }
        }

        return true;
    }

    /// <summary>What is left for the probe unit.</summary>
    private sealed class ProbeWork
    {
        public List<MacroDefinition> Macros { get; } = new();

        public List<(string Name, string CType)> Arguments { get; } = new();

        public List<(string Field, string Request)> Fields { get; } = new();

        public bool ShiftMask { get; set; }

        public bool Directions { get; set; }

        public bool IsEmpty => Macros.Count == 0 && Arguments.Count == 0 && Fields.Count == 0 && !ShiftMask && !Directions;
    }

    private void Read(
        TranslationUnit unit, IncludeSearch search, IEnumerable<string> listedHeaders, HashSet<int> rejectedLines,
        List<ScanDiagnostic> diagnostics)
    {
        var files = new SourceFiles(unit, search, listedHeaders);
        var index = new DeclarationIndex(unit);
        var shapes = new TypeShapes(files, index);
        var records = new RecordCollector(files, index, shapes, diagnostics);
        bool Accepted(CXCursor cursor)
        {
            (nint file, int line) = Clang.Location(cursor);
            return files.IsMain(file) && !rejectedLines.Contains(line);
        }

        foreach (CXCursor variable in index.Variables.Where(Accepted))
        {
            if (Evaluate(variable) is MacroValue value)
            {
                Store(Clang.Spelling(variable), value);
            }
        }

        foreach (CXCursor typedef in index.Typedefs.Where(Accepted))
        {
            string name = Clang.Spelling(typedef);
            if (!name.StartsWith(ArgumentPrefix, System.StringComparison.Ordinal))
            {
                continue;
            }

            CXType underlying = LibClang.clang_getTypedefDeclUnderlyingType(typedef);
            long size = LibClang.clang_Type_getSizeOf(underlying);
            if (size < 0)
            {
                // An incomplete argument (another architecture's struct): its request did not fold either.
                continue;
            }

            AbiType? shape = shapes.Shape(underlying, record => records.Reference(record, TypeShapes.Spell(underlying)));
            if (shape is not null)
            {
                Arguments[name.Substring(ArgumentPrefix.Length)] = new ArgumentLayout(shape, size);
            }
        }

        records.Drain();
        foreach ((string name, AbiRecord record) in records.Records)
        {
            Records.TryAdd(name, record);
        }
    }

    /// <summary>A probe constant's value, kept by what its name says it is.</summary>
    private void Store(string name, MacroValue value)
    {
        if (name.StartsWith(ValuePrefix, System.StringComparison.Ordinal))
        {
            Values[name.Substring(ValuePrefix.Length)] = value;
        }
        else if (name.StartsWith(FieldPrefix, System.StringComparison.Ordinal))
        {
            _fieldValues[name.Substring(FieldPrefix.Length)] = value.Bits;
        }
        else if (name.StartsWith(DirectionPrefix, System.StringComparison.Ordinal)
            || name.StartsWith(ShiftPrefix, System.StringComparison.Ordinal)
            || name.StartsWith(MaskPrefix, System.StringComparison.Ordinal))
        {
            _fieldValues[name] = value.Bits;
        }
    }

    private static MacroValue? Evaluate(CXCursor variable)
    {
        CXType type = LibClang.clang_getUnqualifiedType(Clang.Canonical(LibClang.clang_getCursorType(variable)));
        string? primitive = TypeShapes.Primitive(type);
        if (primitive is null || !AbiPrimitive.IsInteger(primitive))
        {
            return null;
        }

        void* result = LibClang.clang_Cursor_Evaluate(variable);
        if (result is null)
        {
            return null;
        }

        try
        {
            if (LibClang.clang_EvalResult_getKind(result) != CXEvalResultKind.Int)
            {
                return null;
            }

            // Read the value as the expression's type reads it, not as the evaluator's APSInt happens to be signed.
            ulong raw = LibClang.clang_EvalResult_getAsUnsigned(result);
            long signedRaw = LibClang.clang_EvalResult_getAsLongLong(result);
            string value = AbiPrimitive.IsSigned(primitive)
                ? signedRaw.ToString(CultureInfo.InvariantCulture)
                : raw.ToString(CultureInfo.InvariantCulture);
            return new MacroValue(value, raw, primitive, Clang.Spelling(type));
        }
        finally
        {
            LibClang.clang_EvalResult_dispose(result);
        }
    }
}
