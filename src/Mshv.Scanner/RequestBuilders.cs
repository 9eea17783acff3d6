using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner.Interop;

namespace Mshv.Scanner;

/// <summary>
/// Function-like request macros (<c>EVIOCGNAME(len)</c>, <c>EVIOCGBIT(ev,len)</c>, <c>SPI_IOC_MESSAGE(N)</c>) as the model's
/// <see cref="AbiRequestBuilder"/>s: the tokens say which builder the body reaches, clang's values at a few argument
/// points give the linear form of the request and its fields. Every other function-like macro of the scanned headers
/// gets a note with the reason it is not bound.
/// </summary>
internal static class RequestBuilders
{
    public static List<AbiRequestBuilder> Find(
        TranslationUnit unit, DeclarationIndex index, SourceFiles files, FunctionMacros functionLike,
        Dictionary<string, MacroDefinition> aliases, ProbeSetup setup, Dictionary<string, AbiRecord> records,
        List<ScanDiagnostic> diagnostics, List<ScanNote> notes)
    {
        var candidates = new List<(string Name, FunctionMacro Macro, RequestBuilderForm Form)>();
        var places = new Dictionary<string, (string? File, int Line, SourceLocation Location)>(System.StringComparer.Ordinal);
        foreach (CXCursor cursor in index.Macros.Where(files.IsListed))
        {
            string name = index.MacroName(cursor);
            if (LibClang.clang_Cursor_isMacroFunctionLike(cursor) == 0 || places.ContainsKey(name) || !functionLike.TryGetValue(name, out FunctionMacro? macro))
            {
                continue;
            }

            (string? file, int line) = files.RealLocation(cursor);
            places[name] = (file, line, files.Locate(cursor));
            if (RequestBuilderForm.Of(macro, functionLike, aliases, out string reason) is RequestBuilderForm form)
            {
                candidates.Add((name, macro, form));
            }
            else
            {
                notes.Add(new ScanNote(file, line, name, reason));
            }
        }

        var builders = new List<AbiRequestBuilder>();
        if (candidates.Count == 0)
        {
            return builders;
        }

        RequestBuilderProbe? probe = RequestBuilderProbe.Run(
            setup.Includes, setup.Arguments, setup.Search, setup.Headers, candidates, diagnostics, setup.First, setup.CheckEvaluator);
        if (probe is null)
        {
            return builders;
        }

        foreach ((string name, AbiRecord record) in probe.Records)
        {
            records.TryAdd(name, record);
        }

        foreach ((string name, FunctionMacro macro, RequestBuilderForm form) in candidates)
        {
            (string? file, int line, SourceLocation location) = places[name];
            if (Fit(name, macro, form, probe, out string reason) is AbiRequestBuilder builder)
            {
                builders.Add(builder with { Location = location });
            }
            else
            {
                notes.Add(new ScanNote(file, line, name, reason));
            }
        }

        return builders;
    }

    private static AbiRequestBuilder? Fit(string name, FunctionMacro macro, RequestBuilderForm form, RequestBuilderProbe probe, out string reason)
    {
        if (probe.Rejections.TryGetValue(name, out string? rejection))
        {
            reason = "clang could not evaluate it with integer arguments: " + rejection;
            return null;
        }

        if (probe.Constant("NRMAX") is not ulong numberMax || probe.Constant("SIZEMAX") is not ulong sizeMax
            || probe.Constant("NONE") is not ulong none || probe.Constant("READ") is not ulong read || probe.Constant("WRITE") is not ulong write)
        {
            reason = "the headers define no _IOC_NR/_IOC_SIZE/_IOC_NONE/_IOC_READ/_IOC_WRITE to decode it with (--include linux/ioctl.h)";
            return null;
        }

        List<ulong[]> points = RequestBuilderProbe.Points(macro.Parameters.Count);
        var forms = new Dictionary<string, LinearForm>(System.StringComparer.Ordinal);
        foreach (string field in new[] { "REQ", "DIR", "TYPE", "NR", "SIZE" })
        {
            ulong?[] values = Enumerable.Range(0, points.Count).Select(p => probe.Value(name, field, p)).ToArray();
            if (values.Any(v => v is null))
            {
                reason = "clang gave no integer value for it";
                return null;
            }

            var coefficients = new ulong[macro.Parameters.Count];
            for (int i = 0; i < coefficients.Length; i++)
            {
                if (values[i + 1]!.Value < values[0]!.Value)
                {
                    reason = "its " + field + " field decreases as " + macro.Parameters[i] + " grows, which is no request form the model knows";
                    return null;
                }

                coefficients[i] = values[i + 1]!.Value - values[0]!.Value;
            }

            var linear = new LinearForm(values[0]!.Value, coefficients.ToEquatableArray());
            for (int p = macro.Parameters.Count + 1; p < points.Count; p++)
            {
                if (linear.At(points[p]) != values[p])
                {
                    reason = "its " + field + " field is not linear in its arguments (clang gives " + values[p] + " at ("
                        + string.Join(", ", points[p]) + "), the fitted form " + linear.At(points[p]) + ")";
                    return null;
                }
            }

            forms[field] = linear;
        }

        if (!forms["DIR"].IsConstant || !forms["TYPE"].IsConstant)
        {
            reason = "its direction or type depends on its arguments";
            return null;
        }

        ulong direction = forms["DIR"].Constant;
        IoctlDirection kind = direction == none ? IoctlDirection.None
            : (direction & read) != 0 && (direction & write) != 0 ? IoctlDirection.ReadWrite
            : (direction & read) != 0 ? IoctlDirection.Read
            : (direction & write) != 0 ? IoctlDirection.Write
            : IoctlDirection.None;
        ArgumentLayout? argument = null;
        if (form.ArgumentCType is not null && !probe.Arguments.TryGetValue(name, out argument))
        {
            argument = null;
        }

        reason = string.Empty;
        return new AbiRequestBuilder(
            name,
            macro.Parameters.ToEquatableArray(),
            forms["REQ"],
            kind,
            (uint)forms["TYPE"].Constant,
            forms["NR"],
            numberMax,
            forms["SIZE"],
            sizeMax,
            form.ArgumentCType,
            argument?.Shape,
            TokenSpelling.Join(macro.Body),
            new SourceLocation(string.Empty, 0));
    }
}

/// <summary>What a second translation unit needs to see the headers as the scan does.</summary>
internal sealed record ProbeSetup(string Includes, IReadOnlyList<string> Arguments, IncludeSearch Search, IReadOnlyList<string> Headers)
{
    /// <summary>The first unit's evaluator, which spares the probe unit when it evaluates every builder.</summary>
    public FirstUnitEvaluation? First { get; init; }

    /// <summary>Also probe with clang and throw when the evaluator differs (<see cref="Evaluation.EvaluatorCheck"/>).</summary>
    public bool CheckEvaluator { get; init; }
}
