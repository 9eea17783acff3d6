using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Mshv.Abi;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Conformance;

/// <summary>
/// Scans headers, generates C#, then asks the C compiler and the generated C# the same questions and
/// compares the answers. The model decides only which questions are asked.
/// </summary>
internal static class ConformanceRunner
{
    private const string GeneratedNamespace = "Mshv.Conformance.Generated";
    private const string ClassPrefix = "Probe";

    public static ConformanceReport Run(ScanOptions options, IReadOnlyList<string> cIncludes)
    {
        ScanResult scan = HeaderScanner.Scan(options);
        var errors = scan.Diagnostics.Where(d => d.Severity == ScanSeverity.Error).ToList();
        if (scan.Model is null || errors.Count > 0)
        {
            throw new InvalidOperationException("scan failed:\n" + string.Join("\n", scan.Diagnostics));
        }

        AbiModel model = scan.Model;
        var cFlags = options.IncludeDirectories.Select(d => "-I" + d)
            .Concat(options.Defines.Select(d => "-D" + d))
            .ToList();
        CompilerInventory inventory = CompilerInventory.Of(options.PreludeIncludes.Concat(cIncludes).ToList(), cFlags, options.Headers);
        string cOutput = CCompiler.CompileAndRun(CProbeWriter.Write(model, options.PreludeIncludes.Concat(cIncludes), tags: inventory.TagsAnywhere), cFlags);
        string csOutput = RunGenerated(model, out IReadOnlyList<string> emitDiagnostics);

        return Compare(model, cOutput, csOutput, inventory, emitDiagnostics);
    }

    /// <summary>
    /// Compares what the C probe and the C# probe printed for <paramref name="model"/>, and requires every tag and
    /// integer macro of <paramref name="inventory"/> in the model.
    /// </summary>
    /// <param name="emitDiagnostics">The generator's diagnostics: an ioctl it declined to type, saying so by name, is not a mismatch.</param>
    public static ConformanceReport Compare(AbiModel model, string cOutput, string csOutput, CompilerInventory inventory, IReadOnlyCollection<string>? emitDiagnostics = null)
    {
        var mismatches = new List<string>();
        var declined = new List<string>();
        var cLines = Index(cOutput.Split('\n'), out var alignments);
        var csLines = Index(csOutput.Split('\n'), out _);
        foreach (var (key, cValue) in cLines)
        {
            if (!csLines.TryGetValue(key, out string? csValue) && key.StartsWith("ioctl ", StringComparison.Ordinal)
                && emitDiagnostics is not null && emitDiagnostics.Any(d => d.Contains(" MSHV", StringComparison.Ordinal) && d.Contains(key + " ", StringComparison.Ordinal)))
            {
                // Declined with a named diagnostic: not a mismatch, but counted, so that a test can pin which.
                declined.Add(key.Substring("ioctl ".Length));
                continue;
            }

            if (csValue is null)
            {
                mismatches.Add($"{key}: C says '{cValue}', the generated C# has no such member");
            }
            else if (csValue != cValue)
            {
                mismatches.Add($"{key}: C says '{cValue}', generated C# measures '{csValue}'");
            }
        }

        mismatches.AddRange(csLines.Keys.Except(cLines.Keys).Select(key => $"{key}: only in the generated C#"));
        foreach (AbiRecord record in model.Records.Where(r => !r.IsAnonymous && r.Size > 0))
        {
            if (!alignments.TryGetValue("align " + record.Name, out string? align))
            {
                mismatches.Add($"align {record.Name}: the C probe printed no alignment");
            }
            else if (align != "value=" + record.Alignment)
            {
                mismatches.Add($"align {record.Name}: C says {align}, the model says {record.Alignment}");
            }
        }

        // Coverage: what the compiler says the headers define must all be in the model (and so compared above).
        var modelRecords = model.Records.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        mismatches.AddRange(inventory.RecordTags.Where(tag => !modelRecords.Contains(tag)).OrderBy(t => t, StringComparer.Ordinal)
            .Select(tag => $"record {tag}: the C compiler sees it defined in the scanned headers, the model does not have it"));
        var modelMacros = model.Macros.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        mismatches.AddRange(inventory.IntegerMacros.Where(name => !modelMacros.Contains(name)).OrderBy(n => n, StringComparer.Ordinal)
            .Select(name => $"macro {name}: an integer constant for the C compiler, missing from the model"));

        var records = model.Records.ToDictionary(r => r.Name);
        var members = model.Records.Where(r => !r.IsAnonymous && r.Size > 0).SelectMany(r => ProbedMember.Of(r, records)).ToList();
        return new ConformanceReport(
            inventory.RecordTags.Count,
            inventory.IntegerMacros.Count,
            model.Records.Count(r => !r.IsAnonymous),
            members.Count,
            members.Count(m => m.Field.IsBitfield),
            model.Macros.Count,
            model.Ioctls.Count,
            mismatches,
            cLines)
        {
            Enumerators = model.Enums.Sum(e => e.Constants.Count),
            BuilderCalls = model.RequestBuilders.Sum(b => CProbeWriter.BuilderCalls(b).Count()),
            DeclinedIoctls = declined.OrderBy(n => n, StringComparer.Ordinal).ToList(),
        };
    }

    private static string RunGenerated(AbiModel model, out IReadOnlyList<string> diagnostics)
    {
        EmitResult emitted = BindingEmitter.Emit(model, new EmitOptions(GeneratedNamespace, ClassPrefix, EmitIoctlSupportTypes: true) { CheckProcessArchitecture = false });
        diagnostics = emitted.Diagnostics.Select(d => d.ToString()).ToList();
        ISet<string> withoutDescriptor = WithoutDescriptor(model, emitted.Files);
        var sources = emitted.Files.Select(f => f.Source).Append(CSharpProbeWriter.Write(model, GeneratedNamespace, ClassPrefix, withoutDescriptor));
        Assembly assembly = InMemoryCompilation.Load(InMemoryCompilation.Create(sources));
        MethodInfo run = assembly.GetType(CSharpProbeWriter.ProbeClass)!.GetMethod("Run")!;
        return (string)run.Invoke(null, null)!;
    }

    /// <summary>The model's requests the generator gave no descriptor (only a constant, or nothing, with a diagnostic).</summary>
    public static ISet<string> WithoutDescriptor(AbiModel model, IEnumerable<EmittedFile> files)
    {
        // " NAME => " is a descriptor: a constant is " NAME = 0x…", a request builder is named by a function-like macro.
        string ioctls = string.Concat(files.Where(f => f.HintName.EndsWith(".Bindings.g.cs", StringComparison.Ordinal)).Select(f => f.Source));
        return model.Ioctls.Select(i => i.Name).Where(n => !ioctls.Contains(" " + n + " => ", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Keys a probe's output by what was measured ("member rec path"), keeping alignment lines apart.</summary>
    private static Dictionary<string, string> Index(IEnumerable<string> lines, out Dictionary<string, string> alignments)
    {
        var measured = new Dictionary<string, string>(StringComparer.Ordinal);
        alignments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in lines.Where(l => l.Length > 0))
        {
            int valueStart = line.IndexOf(" " + FirstValueKey(line), StringComparison.Ordinal);
            string key = line.Substring(0, valueStart);
            string value = line.Substring(valueStart + 1);
            (line.StartsWith("align ", StringComparison.Ordinal) ? alignments : measured)[key] = value;
        }

        return measured;
    }

    private static string FirstValueKey(string line) =>
        line.Split(' ').First(word => word.Contains('=')).Split('=')[0] + "=";
}
