using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Mshv.Abi;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>
/// Has clang evaluate each function-like request builder at a few argument points, in a translation unit of its own
/// (parsed only when the headers have candidates): the request and the headers' own <c>_IOC_DIR</c>, <c>_IOC_TYPE</c>,
/// <c>_IOC_NR</c> and <c>_IOC_SIZE</c> of it. From the zero point and one unit step per parameter the scanner fits the
/// linear form the C macro computes; four further points (every parameter 2, 3, …; every parameter 3; every parameter
/// 5, 6, …; every parameter 7) must agree with it, or the macro is left out as not linear. The last two go past 3, where
/// a mask (<c>(n) &amp; 3</c>) or a clamp (<c>(len) &lt; 4 ? (len) : 4</c>) first differs from a line through 0 to 3. Argument types named by the body are laid out by clang here too.
/// </summary>
internal sealed unsafe class RequestBuilderProbe
{
    private const string Prefix = "__mshv_rb_";
    private const string ArgumentPrefix = "__mshv_rbarg_";
    private static readonly string[] Fields = { "REQ", "DIR", "TYPE", "NR", "SIZE" };

    private readonly Dictionary<string, ulong> _values = new(System.StringComparer.Ordinal);

    /// <summary>Why clang rejected a builder's probes (its first error), by macro name.</summary>
    public Dictionary<string, string> Rejections { get; } = new(System.StringComparer.Ordinal);

    public Dictionary<string, ArgumentLayout> Arguments { get; } = new(System.StringComparer.Ordinal);

    public Dictionary<string, AbiRecord> Records { get; private set; } = new(System.StringComparer.Ordinal);

    /// <summary>Every value by its probe name (for the evaluator's check).</summary>
    public IReadOnlyDictionary<string, ulong> Values => _values;

    /// <summary>The probe points for <paramref name="parameters"/> parameters: zero, unit steps, then the four checks.</summary>
    public static List<ulong[]> Points(int parameters)
    {
        var points = new List<ulong[]> { new ulong[parameters] };
        for (int i = 0; i < parameters; i++)
        {
            var unit = new ulong[parameters];
            unit[i] = 1;
            points.Add(unit);
        }

        points.Add(Enumerable.Range(0, parameters).Select(i => (ulong)(i + 2)).ToArray());
        points.Add(Enumerable.Repeat(3UL, parameters).ToArray());
        points.Add(Enumerable.Range(0, parameters).Select(i => (ulong)(i + 5)).ToArray());
        points.Add(Enumerable.Repeat(7UL, parameters).ToArray());
        return points;
    }

    /// <summary>A field (REQ, DIR, TYPE, NR, SIZE) of a builder at a point, or of the headers (<c>max NR</c>…), when clang evaluated it.</summary>
    public ulong? Value(string name, string field, int point) =>
        _values.TryGetValue(field + "_" + name + "_" + point.ToString(CultureInfo.InvariantCulture), out ulong value) ? value : null;

    public ulong? Constant(string name) => _values.TryGetValue(name, out ulong value) ? value : null;

    /// <summary>
    /// The builders' values at their points: from <paramref name="first"/>'s evaluator when it evaluates every one of
    /// them and lays out every argument type, else (or to check it) from clang in a probe unit.
    /// </summary>
    public static RequestBuilderProbe? Run(
        string headerIncludes, IReadOnlyList<string> arguments, IncludeSearch search, IEnumerable<string> listedHeaders,
        IReadOnlyList<(string Name, FunctionMacro Macro, RequestBuilderForm Form)> candidates, List<ScanDiagnostic> diagnostics,
        FirstUnitEvaluation? first, bool check)
    {
        RequestBuilderProbe? evaluated = first is null ? null : Evaluated(first, candidates);
        if (evaluated is null || check)
        {
            RequestBuilderProbe? probed = Run(headerIncludes, arguments, search, listedHeaders, candidates, evaluated is null ? diagnostics : new List<ScanDiagnostic>());
            if (evaluated is null || probed is null)
            {
                return probed;
            }

            Evaluation.EvaluatorCheck.Compare(evaluated, probed);
        }

        return evaluated;
    }

    /// <summary>The probe's declarations: every builder at every point, the request and its four fields, and each argument type.</summary>
    private static RequestBuilderProbe? Evaluated(FirstUnitEvaluation first, IReadOnlyList<(string Name, FunctionMacro Macro, RequestBuilderForm Form)> candidates)
    {
        var probe = new RequestBuilderProbe();
        bool Declare(string variable, IReadOnlyList<string> expression)
        {
            var tokens = new List<string>(expression.Count + 7) { "(", "unsigned", "long", "long", ")", "(" };
            tokens.AddRange(expression);
            tokens.Add(")");
            if (first.Evaluator.Evaluate(tokens) is not Evaluation.CInteger value)
            {
                return false;
            }

            probe._values[variable] = value.Bits;
            return true;
        }

        if (!Declare("NONE", new[] { "_IOC_NONE" }) || !Declare("READ", new[] { "_IOC_READ" }) || !Declare("WRITE", new[] { "_IOC_WRITE" })
            || !Declare("NRMAX", new[] { "_IOC_NR", "(", "~", "0U", ")" }) || !Declare("SIZEMAX", new[] { "_IOC_SIZE", "(", "~", "0U", ")" }))
        {
            return null;
        }

        RecordCollector records = first.NewRecords();
        foreach ((string name, FunctionMacro macro, RequestBuilderForm form) in candidates)
        {
            List<ulong[]> points = Points(macro.Parameters.Count);
            for (int p = 0; p < points.Count; p++)
            {
                var call = new List<string> { name, "(" };
                for (int i = 0; i < points[p].Length; i++)
                {
                    if (i > 0)
                    {
                        call.Add(",");
                    }

                    call.Add(points[p][i].ToString(CultureInfo.InvariantCulture));
                }

                call.Add(")");
                string suffix = "_" + name + "_" + p.ToString(CultureInfo.InvariantCulture);
                if (!Declare("REQ" + suffix, call))
                {
                    return null;
                }

                foreach (string field in Fields.Skip(1))
                {
                    var fieldCall = new List<string> { "_IOC_" + field, "(" };
                    fieldCall.AddRange(call);
                    fieldCall.Add(")");
                    if (!Declare(field + suffix, fieldCall))
                    {
                        return null;
                    }
                }
            }

            if (form.ArgumentCType is string type)
            {
                if (first.Evaluator.Argument(type, first.Shapes, records, out bool incomplete) is ArgumentLayout layout)
                {
                    probe.Arguments[name] = layout;
                }
                else if (!incomplete)
                {
                    return null;
                }
            }
        }

        records.Drain();
        probe.Records = records.Records;
        return probe;
    }

    private static RequestBuilderProbe? Run(
        string headerIncludes, IReadOnlyList<string> arguments, IncludeSearch search, IEnumerable<string> listedHeaders,
        IReadOnlyList<(string Name, FunctionMacro Macro, RequestBuilderForm Form)> candidates, List<ScanDiagnostic> diagnostics)
    {
        var source = new StringBuilder(headerIncludes);
        int line = headerIncludes.Count(c => c == '\n') + 1;
        var owners = new Dictionary<int, string>();
        void Declare(string variable, string expression, string? owner)
        {
            source.Append("static const __auto_type ").Append(Prefix).Append(variable).Append(" = (unsigned long long)(").Append(expression).Append(");\n");
            if (owner is not null)
            {
                owners[line] = owner;
            }

            line++;
        }

        Declare("NONE", "_IOC_NONE", null);
        Declare("READ", "_IOC_READ", null);
        Declare("WRITE", "_IOC_WRITE", null);
        Declare("NRMAX", "_IOC_NR(~0U)", null);
        Declare("SIZEMAX", "_IOC_SIZE(~0U)", null);
        foreach ((string name, FunctionMacro macro, RequestBuilderForm form) in candidates)
        {
            List<ulong[]> points = Points(macro.Parameters.Count);
            for (int p = 0; p < points.Count; p++)
            {
                string call = name + "(" + string.Join(", ", points[p].Select(v => v.ToString(CultureInfo.InvariantCulture))) + ")";
                string suffix = "_" + name + "_" + p.ToString(CultureInfo.InvariantCulture);
                Declare("REQ" + suffix, call, name);
                foreach (string field in Fields.Skip(1))
                {
                    Declare(field + suffix, "_IOC_" + field + "(" + call + ")", name);
                }
            }

            if (form.ArgumentCType is string type)
            {
                source.Append("typedef __typeof__(").Append(type).Append(") ").Append(ArgumentPrefix).Append(name).Append(";\n");
                owners[line++] = name;
            }
        }

        using TranslationUnit? unit = TranslationUnit.Parse(source.ToString(), arguments, out int errorCode);
        if (unit is null)
        {
            diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.ClangUnavailable, ScanSeverity.Error, null, 0, "libclang could not parse the request builder probes (error code " + errorCode + ")"));
            return null;
        }

        var probe = new RequestBuilderProbe();
        foreach ((string file, int errorLine, string message) in unit.Errors())
        {
            if (file == TranslationUnit.MainFileName && owners.TryGetValue(errorLine, out string? owner))
            {
                probe.Rejections.TryAdd(owner, message);
            }
        }

        probe.Read(unit, search, listedHeaders, diagnostics);
        return probe;
    }

    private void Read(TranslationUnit unit, IncludeSearch search, IEnumerable<string> listedHeaders, List<ScanDiagnostic> diagnostics)
    {
        var files = new SourceFiles(unit, search, listedHeaders);
        var index = new DeclarationIndex(unit);
        var shapes = new TypeShapes(files, index);
        var records = new RecordCollector(files, index, shapes, diagnostics);
        foreach (CXCursor variable in index.Variables.Where(v => files.IsMain(Clang.Location(v).File)))
        {
            string name = Clang.Spelling(variable);
            if (name.StartsWith(Prefix, System.StringComparison.Ordinal) && Evaluate(variable) is ulong value)
            {
                _values[name.Substring(Prefix.Length)] = value;
            }
        }

        foreach (CXCursor typedef in index.Typedefs.Where(t => files.IsMain(Clang.Location(t).File)))
        {
            string name = Clang.Spelling(typedef);
            CXType underlying = LibClang.clang_getTypedefDeclUnderlyingType(typedef);
            long size = LibClang.clang_Type_getSizeOf(underlying);
            if (!name.StartsWith(ArgumentPrefix, System.StringComparison.Ordinal) || size < 0)
            {
                continue;
            }

            AbiType? shape = shapes.Shape(underlying, record => records.Reference(record, TypeShapes.Spell(underlying)));
            if (shape is not null)
            {
                Arguments[name.Substring(ArgumentPrefix.Length)] = new ArgumentLayout(shape, size);
            }
        }

        records.Drain();
        Records = records.Records;
    }

    private static ulong? Evaluate(CXCursor variable)
    {
        void* result = LibClang.clang_Cursor_Evaluate(variable);
        if (result is null)
        {
            return null;
        }

        try
        {
            return LibClang.clang_EvalResult_getKind(result) == CXEvalResultKind.Int ? LibClang.clang_EvalResult_getAsUnsigned(result) : null;
        }
        finally
        {
            LibClang.clang_EvalResult_dispose(result);
        }
    }
}
