using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Mshv.Abi;
using Mshv.Abi.Diagnostics;

namespace Mshv.Scanner;

/// <summary>Headers in, ABI model out: asks libclang everything the C compiler decides about the headers.</summary>
public static class HeaderScanner
{
    /// <summary>
    /// The stack of the thread that parses: libclang recurses once per nesting level, and an overflow is a SIGSEGV no
    /// handler can report. With it, 2048 nested levels parse, and deeper ones meet clang's own located error ("bracket
    /// nesting level exceeded maximum of 2048") instead of a crash; gcc's limit is near 3000.
    /// </summary>
    private const int ParseStackBytes = 1 << 30;

    /// <summary>A triple whose architecture has 64-bit longs and pointers (and not the x32 ABI of x86_64).</summary>
    internal static bool IsLp64(string triple)
    {
        string[] parts = triple.Split('-');
        return parts.Length >= 2
            && parts[0] is "x86_64" or "amd64" or "aarch64" or "arm64" or "aarch64_be" or "riscv64" or "powerpc64" or "powerpc64le"
                or "ppc64" or "ppc64le" or "s390x" or "mips64" or "mips64el" or "sparc64" or "sparcv9" or "loongarch64" or "alpha"
            && !parts.Any(p => p.EndsWith("x32", System.StringComparison.Ordinal) || p.EndsWith("ilp32", System.StringComparison.Ordinal));
    }

    public static ScanResult Scan(ScanOptions options)
    {
        // libclang parses on a thread of its own with an 8 MB stack unless told not to; then it uses ours.
        LibClangThreads.RunOnCallersThread();
        ScanResult? result = null;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var thread = new System.Threading.Thread(
            () =>
            {
                try
                {
                    result = ScanHere(options);
                }
                catch (Exception e)
                {
                    failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                }
            },
            ParseStackBytes);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result!;
    }

    private static ScanResult ScanHere(ScanOptions options)
    {
        var diagnostics = new List<ScanDiagnostic>();
        IncludeSearch search = IncludeSearch.Create(options, diagnostics);
        options = WithIoctlPrelude(options, search);
        var headers = new List<string>();
        foreach (string header in options.Headers)
        {
            if (search.Resolve(header) is string path)
            {
                headers.Add(path);
            }
            else
            {
                diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.HeaderNotFound, ScanSeverity.Error, header, 0,
                    "header not found (looked for the file, then in: " + search.SearchedDescription() + ")"));
            }
        }

        foreach (string define in options.Defines.Where(d => !ClangArguments.IsValidDefine(d)))
        {
            diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.InvalidOption, ScanSeverity.Error, null, 0, "define '" + define + "' is not NAME or NAME=VALUE"));
        }

        if (options.Headers.Count == 0)
        {
            diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.InvalidOption, ScanSeverity.Error, null, 0, "no header to scan"));
        }

        if (!IsLp64(options.Target))
        {
            // The model's primitives are LP64's: on i686 'long double' (12 bytes) would be recorded as a 16-byte f80
            // overlapping the next member, and every 'long' and pointer would have another size than the model says.
            diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.InvalidOption, ScanSeverity.Error, null, 0,
                "target '" + options.Target + "' is not a 64-bit (LP64) Linux target; the model describes those only (x86_64, aarch64, riscv64, powerpc64, s390x…)"));
        }

        if (diagnostics.Any(d => d.Severity == ScanSeverity.Error))
        {
            return new ScanResult(null, diagnostics);
        }

        try
        {
            var readFiles = new List<string>();
            var notes = new List<ScanNote>();
            AbiModel? model = ScanParsed(options, search, headers, diagnostics, readFiles, notes);
            if (options.Strict)
            {
                // The probe's own reading of argument records only warns; in strict mode the scanner's error stands alone.
                var errors = diagnostics.Where(d => d.Id == ScanDiagnosticIds.UnrepresentableType && d.Severity == ScanSeverity.Error).Select(d => (d.File, d.Line)).ToHashSet();
                diagnostics.RemoveAll(d => d.Id == ScanDiagnosticIds.UnrepresentableType && d.Severity == ScanSeverity.Warning && errors.Contains((d.File, d.Line)));
                // Whatever else was left out for want of a representation (an _Atomic member's record, a record too large,
                // a 128-bit macro) fails a strict scan too, as MSHVS007 promises.
                for (int i = 0; i < diagnostics.Count; i++)
                {
                    if (diagnostics[i] is { Id: ScanDiagnosticIds.UnrepresentableType, Severity: ScanSeverity.Warning } kept)
                    {
                        diagnostics[i] = kept with { Severity = ScanSeverity.Error };
                    }
                }
            }

            return new ScanResult(diagnostics.Any(d => d.Severity == ScanSeverity.Error) ? null : model, Sorted(diagnostics))
            {
                ReadFiles = readFiles,
                Notes = notes.OrderBy(n => n.File, StringComparer.Ordinal).ThenBy(n => n.Line).ToList(),
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Only the load of libclang itself (or a libclang too old for an entry point) lands here.
            diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.ClangUnavailable, ScanSeverity.Error, null, 0,
                "libclang could not be loaded (" + e.Message.Split('\n')[0].Trim() + "); "
                + DiagnosticCatalog.Hint(ScanDiagnosticIds.ClangUnavailable)));
            return new ScanResult(null, diagnostics);
        }
    }

    /// <summary>The <see cref="ScanOptions.IoctlPrelude"/> header first, unless already asked for or not on the include path.</summary>
    private static ScanOptions WithIoctlPrelude(ScanOptions options, IncludeSearch search) =>
        options.IoctlPrelude && !options.PreludeIncludes.Contains(ScanOptions.IoctlHeader)
        && search.Resolve(ScanOptions.IoctlHeader) is not null
            ? options with { PreludeIncludes = new[] { ScanOptions.IoctlHeader }.Concat(options.PreludeIncludes).ToArray() }
            : options;

    private static AbiModel? ScanParsed(
        ScanOptions options, IncludeSearch search, List<string> headers, List<ScanDiagnostic> diagnostics, List<string> readFiles, List<ScanNote> notes)
    {
        ScanPhases.Start();
        var includes = new StringBuilder();
        foreach (string header in headers)
        {
            includes.Append("#include \"").Append(header).Append("\"\n");
        }

        List<string> arguments = ClangArguments.For(options, search);
        using TranslationUnit? unit = TranslationUnit.Parse(includes.ToString(), arguments, out int errorCode);
        ScanPhases.Mark("parse");
        if (unit is null)
        {
            diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.ClangUnavailable, ScanSeverity.Error, null, 0, "libclang could not parse the headers (error code " + errorCode + ")"));
            return null;
        }

        // Even a failed scan says what it read: a build reruns it when any of these files changes.
        readFiles.AddRange(unit.ReadFiles());
        foreach ((string file, int line, string message) in unit.Errors())
        {
            // The main file is synthesized: an error there comes from an --include prelude or a -D value.
            bool inMain = file.Length == 0 || file == TranslationUnit.MainFileName;
            if (inMain && line >= 1 && EndOfHeader(headers, line) is (string header, int last))
            {
                // The main file is one #include a line: clang puts an unclosed declaration's error at the end of the include
                // that left it open (or after the last one): it belongs to the end of that header.
                diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.ClangError, ScanSeverity.Error, header, last,
                    message + " at the end of the file (a declaration or comment is not closed)"));
                continue;
            }

            diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.ClangError, ScanSeverity.Error, inMain ? null : file, line,
                inMain ? message + " (from the command line: check --include and -D)" : message));
        }

        if (diagnostics.Count > 0)
        {
            return null;
        }

        var files = new SourceFiles(unit, search, headers);
        var index = new DeclarationIndex(unit);
        KernelPackedCheck.Report(index, files, diagnostics);
        ScanPhases.Mark("declaration index");
        if (diagnostics.Count > 0)
        {
            return null;
        }

        var shapes = new TypeShapes(files, index);
        var docs = new Docs.DocumentationIndex(unit);
        var records = new RecordCollector(files, index, shapes, diagnostics, options.Strict) { Docs = docs };
        foreach (var declaration in index.Records.Where(files.IsListed))
        {
            if (index.NameOf(declaration) is string name)
            {
                records.Reference(declaration, name);
            }
        }

        List<AbiEnum> enums = EnumCollector.Collect(index, files, shapes, diagnostics, docs);
        ScanPhases.Mark("enums");
        List<AbiTypedef> typedefs = TypedefCollector.Collect(index, files, shapes, records, diagnostics, docs);
        ScanPhases.Mark("typedefs");
        records.Drain();
        ScanPhases.Mark("records");
        var macroTokens = new MacroTokens(unit);
        List<MacroDefinition> macros = MacroCollector.Collect(unit, index, files, docs, macroTokens);
        ScanPhases.Mark("macro list");
        FunctionMacros functionMacros = FunctionMacros.Collect(unit, index, macroTokens);
        // One name lookup for the ioctl forms, the section comments and the request builders.
        Dictionary<string, MacroDefinition> macrosByName = MacroCollector.ByName(macros);
        IoctlForms found = IoctlForms.Find(macros, macrosByName, functionMacros);
        ScanPhases.Mark("function-like macros and ioctl forms");
        Dictionary<string, IoctlForm> forms = found.Forms;
        string probeIncludes = includes.ToString() + GccEnumeratorTypes.Prelude(index);
        IEnumerable<string> requests = forms.Keys.Concat(found.Unrecognized.Select(m => m.Name));
        // Most macros are evaluated from this unit's tokens; the probe unit re-parses the headers only for what is left.
        FirstUnitEvaluation? first = Evaluation.MacroEvaluator.For(options.Target, unit, index, readFiles, macroTokens) is Evaluation.MacroEvaluator evaluator
            ? new FirstUnitEvaluation(evaluator, shapes, () => new RecordCollector(files, index, shapes, diagnostics))
            : null;
        ScanPhases.Mark("macro evaluator");
        MacroProbe? probe = MacroProbe.Run(probeIncludes, arguments, search, headers, macros, forms, requests, functionMacros, diagnostics, first);
        ScanPhases.Mark("macro values (evaluator, then probe unit)");
        if (probe is null)
        {
            return null;
        }

        if ((options.CheckEvaluator || Evaluation.EvaluatorCheck.Enabled) && first is not null
            && MacroProbe.Run(probeIncludes, arguments, search, headers, macros, forms, requests, functionMacros, new List<ScanDiagnostic>()) is MacroProbe probed)
        {
            Evaluation.EvaluatorCheck.Compare(probe, probed);
        }

        ReportUndefinedMacros(macros, probe, index.MacroNames, diagnostics);
        MacroArgumentChecks.Report(macros, probe.Values, diagnostics);
        ReportUnevaluatedRequests(macros, forms, probe, diagnostics);
        // Section comments ("ioctls for VM fds") give requests their fd kinds.
        List<AbiIoctl> ioctls = IoctlSections.Assign(IoctlDecoder.Decode(macros, forms, probe, diagnostics), macrosByName, unit);
        var macroDocs = macros.Where(m => m.Doc is not null).GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Doc);
        ioctls = ioctls.Select(i => macroDocs.TryGetValue(i.Name, out string? doc) ? i with { Doc = doc } : i).ToList();
        IoctlDecoder.ReportUnrecognized(found.Unrecognized, probe, diagnostics);
        ScanPhases.Mark("ioctls");
        foreach ((string name, AbiRecord record) in probe.Records)
        {
            records.Records.TryAdd(name, record);
        }

        List<AbiRequestBuilder> builders = RequestBuilders.Find(
            unit, index, files, functionMacros, macrosByName, new ProbeSetup(includes.ToString(), arguments, search, headers)
            {
                First = first,
                CheckEvaluator = first is not null && (options.CheckEvaluator || Evaluation.EvaluatorCheck.Enabled),
            },
            records.Records, diagnostics, notes);
        builders = builders.Select(b => functionMacros.Definition(b.Name) is Interop.CXCursor c && docs.Of(c, b.Name) is string doc ? b with { Doc = doc } : b).ToList();
        ScanPhases.Mark("request builders");

        // Both evaluators read 64 bits of a value ((unsigned __int128)~0ULL + 1 read as 0): a 128-bit macro is left out.
        foreach (MacroDefinition wide in macros.Where(m => probe.Values.TryGetValue(m.Name, out MacroValue? v) && v.Primitive is AbiPrimitive.I128 or AbiPrimitive.U128))
        {
            probe.Values.Remove(wide.Name);
            diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.UnrepresentableType, ScanSeverity.Warning, wide.File, wide.Line,
                "macro " + wide.Name + " has a 128-bit type, whose value the model cannot hold exactly (it keeps 64 bits); it is left out"));
        }

        AbiModel model = AbiModelWriter.Canonicalize(new AbiModel(
            options.Target,
            headers.Select(search.RelativeName).ToEquatableArray(),
            records.Records.Values.ToEquatableArray(),
            enums.ToEquatableArray(),
            // A typedef of an opaque record was reported (MSHVS003) and has nothing to point at.
            typedefs.Where(t => t.Type.RecordName is null || records.Records.ContainsKey(t.Type.RecordName)).ToEquatableArray(),
            macros.Where(m => probe.Values.ContainsKey(m.Name)).Select(m => ToModel(m, probe.Values[m.Name])).ToEquatableArray(),
            WithoutLeftOutArguments(ioctls, records.Records, macros, diagnostics).ToEquatableArray())
        {
            // A builder whose argument record was left out (MSHVS007) still computes its request; it loses only the typed form.
            RequestBuilders = builders
                .Select(b => b.ArgumentType?.RecordName is string r && !records.Records.ContainsKey(r) ? b with { ArgumentType = null } : b)
                .ToEquatableArray(),
        });
        ScanPhases.Mark("canonical model");
        return model;
    }

    /// <summary>
    /// A request whose argument record was left out (MSHVS007) has no typed descriptor to offer: it stays bound as its
    /// macro constant, with a warning at its line.
    /// </summary>
    private static IEnumerable<AbiIoctl> WithoutLeftOutArguments(
        List<AbiIoctl> ioctls, Dictionary<string, AbiRecord> records, List<MacroDefinition> macros, List<ScanDiagnostic> diagnostics)
    {
        foreach (AbiIoctl ioctl in ioctls)
        {
            if (ioctl.ArgumentType?.RecordName is string record && !records.ContainsKey(record))
            {
                MacroDefinition macro = macros.First(m => m.Name == ioctl.Name);
                diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.UnrepresentableType, ScanSeverity.Warning, macro.File, macro.Line,
                    "ioctl " + ioctl.Name + " takes '" + ioctl.ArgumentCType + "', which was left out (see its warning); only the request's constant is bound"));
                continue;
            }

            yield return ioctl;
        }
    }

    /// <summary>The header included at <paramref name="mainLine"/> of the main file (or the last one), with its last line.</summary>
    private static (string File, int Line)? EndOfHeader(List<string> headers, int mainLine)
    {
        int index = Math.Min(mainLine, headers.Count) - 1;
        if (index < 0 || !System.IO.File.Exists(headers[index]))
        {
            return null;
        }

        return (headers[index], Math.Max(1, System.IO.File.ReadAllLines(headers[index]).Length));
    }

    private static AbiMacro ToModel(MacroDefinition macro, MacroValue value) =>
        new(macro.Name, value.Value, value.Primitive, value.CType, macro.Expansion, macro.Location) { Doc = macro.Doc };

    /// <summary>
    /// A macro clang could not evaluate because it calls a function-like macro nobody defined (the vendored
    /// mshv.h uses _IOW without including linux/ioctl.h) is worth a warning: the fix is an include.
    /// </summary>
    private static void ReportUndefinedMacros(IEnumerable<MacroDefinition> macros, MacroProbe probe, HashSet<string> defined, List<ScanDiagnostic> diagnostics)
    {
        foreach (MacroDefinition macro in macros.Where(m => !probe.Values.ContainsKey(m.Name)))
        {
            for (int i = 0; i + 1 < macro.Body.Count; i++)
            {
                string token = macro.Body[i];
                if (macro.Kinds[i] == Interop.CXTokenKind.Identifier && macro.Body[i + 1] == "(" && !defined.Contains(token)
                    && !token.StartsWith("__builtin", StringComparison.Ordinal))
                {
                    diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.UndefinedMacro, ScanSeverity.Warning, macro.File, macro.Line,
                        "macro " + macro.Name + " (" + macro.Location + ") uses the function-like macro " + token
                        + ", which is not defined; " + macro.Name + " is left out. Include the header that defines " + token
                        + (token.StartsWith("_IO", StringComparison.Ordinal) ? " (--include linux/ioctl.h)" : string.Empty)));
                    break;
                }
            }
        }
    }

    /// <summary>
    /// An ioctl request clang could not fold (its argument type is not declared by the headers, say <c>size_t</c> in
    /// <c>linux/fs.h</c>) is left out: say so with clang's reason, unless a missing builder macro was already reported.
    /// A request whose argument struct is only declared, never defined, in what was scanned is left out without a word:
    /// that is how uapi headers carry other architectures' requests (kvm.h's PowerPC and Arm ones on x86-64), and
    /// the rare struct defined in a header not scanned (fs.h's BLKTRACESETUP) falls under it too.
    /// </summary>
    private static void ReportUnevaluatedRequests(IEnumerable<MacroDefinition> macros, IReadOnlyDictionary<string, IoctlForm> forms, MacroProbe probe, List<ScanDiagnostic> diagnostics)
    {
        var reported = diagnostics.Where(d => d.Id == ScanDiagnosticIds.UndefinedMacro).Select(d => (d.File, d.Line)).ToHashSet();
        foreach (MacroDefinition macro in macros.Where(m => forms.ContainsKey(m.Name) && !probe.Values.ContainsKey(m.Name)))
        {
            if (probe.Rejections.TryGetValue(macro.Name, out string? reason) && !reported.Contains((macro.File, macro.Line))
                && !reason.Contains("incomplete type", StringComparison.Ordinal))
            {
                diagnostics.Add(new ScanDiagnostic(ScanDiagnosticIds.RequestNotEvaluated, ScanSeverity.Warning, macro.File, macro.Line,
                    "ioctl request " + macro.Name + " (" + macro.Location + ") could not be evaluated: " + reason
                    + "; it is left out. " + IncludeHint(reason)));
            }
        }
    }

    /// <summary>What to include for an undeclared name: the C library header when the name is a standard one.</summary>
    private static string IncludeHint(string clangReason) => StandardHeaders.For(clangReason) is var (name, header)
        ? "Include <" + header + ">, which declares " + name + ", first (--include " + header + ", or MshvPreludeIncludes in a project)"
        : "Include what it needs first (--include), or define it (-D)";

    // The macro probe reads ioctl argument records again, so a member it cannot represent is reported twice: once is enough.
    private static List<ScanDiagnostic> Sorted(List<ScanDiagnostic> diagnostics) =>
        diagnostics.Distinct().OrderBy(d => d.File ?? string.Empty, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Message, StringComparer.Ordinal).ToList();
}
