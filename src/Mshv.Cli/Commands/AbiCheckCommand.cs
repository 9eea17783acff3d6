using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Mshv.Cli.AbiGate;

namespace Mshv.Cli.Commands;

/// <summary>
/// <c>mshv abi-check</c>: the build's ABI gate. Compares a fresh scan with the checked-in baseline and prints one
/// diagnostic per change at the header line: breaking changes are errors MSHV2001, compatible ones warnings MSHV2002,
/// each with abi-diff's explanation. Exit 0: nothing breaking; 1: breaking changes; 2: an input could not be read.
/// </summary>
internal sealed class AbiCheckCommand : ICommand
{
    private static readonly Dictionary<string, OptionSpec> Options = new(StringComparer.Ordinal)
    {
        ["--baseline"] = new("--baseline", Many: false),
        ["--model"] = new("--model", Many: false),
        ["--deps"] = new("--deps", Many: false),
        ["--diagnostics"] = new("--diagnostics", Many: false),
        ["--project"] = new("--project", Many: false),
        ["--no-compatible-warnings"] = new("--no-compatible-warnings", Many: false, IsFlag: true),
    };

    public string Name => "abi-check";

    public string Summary => "check a fresh model against the ABI baseline: MSHV2001 breaking, MSHV2002 compatible";

    public string Usage => "mshv abi-check --baseline FILE.abi --model FILE.abi [--deps FILE] [--diagnostics text|msbuild] [--project FILE] [--no-compatible-warnings]";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        CommandLine line = CommandLine.Parse(args, Options);
        string baselinePath = line.Single("--baseline") ?? throw new UsageException("--baseline FILE.abi is required");
        string modelPath = line.Single("--model") ?? throw new UsageException("--model FILE.abi is required");
        bool msbuild = (line.Single("--diagnostics") ?? "text") switch
        {
            "text" => false,
            "msbuild" => true,
            string other => throw new UsageException("--diagnostics is 'text' or 'msbuild', not '" + other + "'"),
        };
        string where = line.Single("--project") ?? "mshv abi-check";
        AbiModel? baseline = Read(baselinePath, where, msbuild, error);
        AbiModel? model = Read(modelPath, where, msbuild, error);
        if (baseline is null || model is null)
        {
            return AbiDiffCommand.BadInput;
        }

        AbiDiffReport report = AbiDiff.Compare(baseline, model);
        HeaderPaths paths = HeaderPaths.FromDependencyFile(line.Single("--deps"));
        bool warnCompatible = !line.Has("--no-compatible-warnings");
        foreach (AbiChange change in report.Changes)
        {
            bool breaking = change.Severity == ChangeSeverity.Breaking;
            if (!breaking && !warnCompatible)
            {
                continue;
            }

            SourceLocation? location = change.NewLocation ?? change.OldLocation;
            string file = location is null ? (line.Single("--project") ?? baselinePath) : paths.Resolve(location);
            string text = change.Subject + " [" + change.Kind + "]: " + change.Message
                + (breaking ? ". The ABI baseline " + baselinePath + " says otherwise; " + AbiGateDiagnostics.AcceptHint : string.Empty);
            error.WriteLine(Format(file, location?.Line ?? 0, breaking ? "error" : "warning", breaking ? AbiGateDiagnostics.Breaking : AbiGateDiagnostics.Compatible, text, msbuild));
        }

        return report.HasBreaking ? AbiDiffCommand.BreakingChanges : AbiDiffCommand.NoBreakingChanges;
    }

    public static string Format(string file, int line, string severity, string id, string text, bool msbuild)
    {
        string at = line <= 0 ? file : msbuild ? file + "(" + line.ToString(CultureInfo.InvariantCulture) + ")" : file + ":" + line.ToString(CultureInfo.InvariantCulture);
        return at + ": " + severity + " " + id + ": " + text;
    }

    private static AbiModel? Read(string path, string where, bool msbuild, TextWriter error)
    {
        try
        {
            return AbiModelReader.Read(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is AbiFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(Format(where, 0, "error", AbiGateDiagnostics.Unreadable, "cannot read the ABI model " + path + ": " + e.Message, msbuild));
            return null;
        }
    }
}
