using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;

namespace Mshv.Cli.Scanning;

/// <summary>The options every scanning verb shares (<c>scan</c>, <c>generate</c>), and one scan run with them.</summary>
internal static class ScanInvocation
{
    public const string Usage = "--header FILE... [-I DIR...] [-D NAME[=VAL]...] [--include HDR...] [--no-ioctl-prelude]"
        + " [--target TRIPLE...] [--uapi-root DIR] [--builtin-include DIR] [--libclang FILE] [--deps FILE]"
        + " [--diagnostics text|msbuild [--project FILE]] [--strict]";

    /// <summary>Adds the shared options to a verb's own.</summary>
    public static Dictionary<string, OptionSpec> With(params (string Spelling, OptionSpec Spec)[] own)
    {
        var options = new Dictionary<string, OptionSpec>(StringComparer.Ordinal)
        {
            ["--header"] = new("--header", Many: true),
            ["-I"] = new("-I", Many: false),
            ["--include-dir"] = new("-I", Many: false),
            ["-D"] = new("-D", Many: false),
            ["--define"] = new("-D", Many: false),
            ["--include"] = new("--include", Many: false),
            ["--target"] = new("--target", Many: false),
            ["--uapi-root"] = new("--uapi-root", Many: false),
            ["--builtin-include"] = new("--builtin-include", Many: false),
            ["--libclang"] = new("--libclang", Many: false),
            ["--deps"] = new("--deps", Many: false),
            ["--diagnostics"] = new("--diagnostics", Many: false),
            ["--project"] = new("--project", Many: false),
            ["--strict"] = new("--strict", Many: false, IsFlag: true),
            ["--no-ioctl-prelude"] = new("--no-ioctl-prelude", Many: false, IsFlag: true),
        };
        foreach ((string spelling, OptionSpec spec) in own)
        {
            options[spelling] = spec;
        }

        return options;
    }

    /// <summary>
    /// Scans as the command line says, prints the diagnostics, writes the dependency file and, to
    /// <paramref name="summary"/>, one line saying what the scan found; null when the scan failed.
    /// </summary>
    public static ScanResult? Run(CommandLine line, string verb, TextWriter error, TextWriter? summary = null)
    {
        if (line.All("--header").Count == 0)
        {
            throw new UsageException("at least one --header is required");
        }

        DiagnosticFormat format = DiagnosticFormat.Parse(line.Single("--diagnostics"), line.Single("--project"));
        if (LibClangLocation.Choose(line.Single("--libclang")) is string libclang && LibClangLocation.Use(libclang) is string problem)
        {
            error.WriteLine((format.IsMsBuild ? format.Project ?? "mshv" : "mshv " + verb) + ": error MSHV1005: " + problem);
            return null;
        }

        var options = new ScanOptions(line.All("--header"), line.All("-I"), line.All("-D"), line.All("--include"))
        {
            BuiltinIncludeDirectory = line.Single("--builtin-include"),
            Strict = line.Has("--strict"),
            IoctlPrelude = !line.Has("--no-ioctl-prelude"),
        };
        // --target given more than once: one model for all of them when their layouts agree (MSHVS021 when not).
        IReadOnlyList<string> targets = line.All("--target");
        if (targets.Count > 0)
        {
            options = options with { Target = targets[0] };
        }

        options = options with { UapiIncludeRoot = line.Single("--uapi-root") };
        DateTime scanStartUtc = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        ScanResult result = MultiTargetScanner.Scan(options, targets.Skip(1).ToArray());
        clock.Stop();
        foreach (ScanDiagnostic diagnostic in result.Diagnostics)
        {
            format.Write(diagnostic, error);
        }

        if (line.Single("--deps") is string deps && result.ReadFiles.Count > 0)
        {
            try
            {
                DependencyFile.Write(deps, result.ReadFiles, scanStartUtc);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine(CannotWrite(line, verb, deps, e));
                return null;
            }
        }

        if (result.Model is not null)
        {
            summary?.WriteLine(Summary(result.Model, clock.Elapsed));
        }

        return result.Model is null ? null : result;
    }

    /// <summary>
    /// A file the scan could not write (a read-only obj/, a full disk), as a located error an MSBuild log shows at any
    /// verbosity (in the canonical form, against the project) instead of a line only a detailed log keeps.
    /// </summary>
    public static string CannotWrite(CommandLine line, string verb, string path, Exception e)
    {
        DiagnosticFormat format = DiagnosticFormat.Parse(line.Single("--diagnostics"), line.Single("--project"));
        string where = format.IsMsBuild ? format.Project ?? "mshv" : "mshv " + verb;
        return where + ": error " + DiagnosticFormat.CannotWrite + ": cannot write " + Path.GetFullPath(path) + ": " + e.Message
            + (e is UnauthorizedAccessException ? " (is the folder read-only? the model and its .deps are written beside each other)" : string.Empty);
    }

    /// <summary>Success, or "bound with warnings" when part of the headers could not be represented.</summary>
    public static int ExitCodeOf(ScanResult? scan) => scan?.IsPartial == true ? ExitCodes.BoundWithWarnings : ExitCodes.Success;

    /// <summary><c>Mshv: linux/kvm.h, asm/kvm.h -> 202 records, 152 ioctls, 755 constants (0.3 s)</c></summary>
    public static string Summary(AbiModel model, TimeSpan elapsed) => string.Format(
        CultureInfo.InvariantCulture,
        "Mshv: {0} -> {1} records, {2} ioctls, {3} constants ({4:0.0} s)",
        string.Join(", ", model.Headers) + (model.AlsoTargets.Count == 0 ? string.Empty : " for " + string.Join(" and ", model.Targets)),
        model.Records.Count(r => !r.IsAnonymous),
        model.Ioctls.Count,
        model.Macros.Count,
        elapsed.TotalSeconds);
}
