using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Mshv.Abi;
using Mshv.Tests.Generator.Support;

namespace Mshv.Tests.Fuzz;

/// <summary>What happened to one hostile model in the real generator driver.</summary>
internal enum MutantOutcome
{
    /// <summary>An MSHV error at a file and line: the promised answer to a bad model.</summary>
    RejectedAtLine,

    /// <summary>Accepted, consistent, and the generated C# compiles.</summary>
    Compiled,

    /// <summary>An exception escaped the generator (Roslyn reports it as CS8785 and emits nothing).</summary>
    Crash,

    /// <summary>An MSHV error without a file and line.</summary>
    UnlocatedError,

    /// <summary>No MSHV error, and the generated C# does not compile.</summary>
    NonCompilingWithoutDiagnostic,

    /// <summary>No MSHV error for a model whose numbers contradict each other.</summary>
    InconsistentAccepted,
}

/// <summary>Runs <see cref="Mshv.Generator.MshvGenerator"/> in process on one model text and classifies the result.</summary>
internal static class MutantRunner
{
    private static readonly Lazy<Compilation> Empty = new(GeneratorHarness.EmptyCompilation);

    public static bool IsFailure(MutantOutcome outcome) => outcome is not (MutantOutcome.RejectedAtLine or MutantOutcome.Compiled);

    public static MutantOutcome Run(string text, out string detail)
    {
        GeneratorDriverRunResult run;
        try
        {
            GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { new GeneratorHarness.ModelFile("/fuzz/hostile.abi", text) });
            run = GeneratorHarness.Run(driver, Empty.Value, out _);
        }
        catch (Exception error)
        {
            detail = error.ToString();
            return MutantOutcome.Crash;
        }

        GeneratorRunResult result = run.Results.Single();
        if (result.Exception is not null)
        {
            detail = result.Exception.ToString();
            return MutantOutcome.Crash;
        }

        Diagnostic[] errors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            Diagnostic? unlocated = errors.FirstOrDefault(d => !d.Id.StartsWith("MSHV", StringComparison.Ordinal) || !IsLocated(d));
            detail = string.Join("\n", errors.Select(d => d.ToString()));
            return unlocated is null ? MutantOutcome.RejectedAtLine : MutantOutcome.UnlocatedError;
        }

        // Accepted: the model must be consistent (checked by an oracle that does not share the reader's code) ...
        string? violation = ModelInvariants.FirstViolation(AbiModelReader.Read(text, "hostile.abi"));
        if (violation is not null)
        {
            detail = violation;
            return MutantOutcome.InconsistentAccepted;
        }

        // ... and what it generated must compile.
        Diagnostic[] compileErrors = Empty.Value.AddSyntaxTrees(run.GeneratedTrees).GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        detail = string.Join("\n", compileErrors.Take(5).Select(d => d.ToString()));
        return compileErrors.Length == 0 ? MutantOutcome.Compiled : MutantOutcome.NonCompilingWithoutDiagnostic;
    }

    private static bool IsLocated(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        return diagnostic.Location != Location.None && !string.IsNullOrEmpty(span.Path) && span.StartLinePosition.Line >= 0;
    }
}
