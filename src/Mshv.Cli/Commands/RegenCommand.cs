using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Cli.Scanning;
using Mshv.Abi.Diff;
using Mshv.Cli.Upstream;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Scanner;

namespace Mshv.Cli.Commands;

/// <summary>
/// <c>mshv regen</c>: the main job on the header sets kept in the repository. Reads each scan settings
/// file (by default both snapshots: the vendored seed, <c>headers/mshv.scan</c>, and the fetched upstream header,
/// <c>headers/upstream/mshv.scan</c>), rescans, rewrites the ABI snapshot only when the ABI changed (so its diff is
/// the review), emits the bindings in memory and prints what was bound. A fetched header set also gets its lock
/// (package version, header hashes) refreshed; when the package moved, the drift is reported as an abi-diff, not an error.
/// </summary>
internal sealed class RegenCommand : ICommand
{
    private const string SeedSettings = "headers/mshv.scan";
    private const string UpstreamSettings = "headers/upstream/mshv.scan";

    private static readonly Dictionary<string, OptionSpec> Options = new(StringComparer.Ordinal)
    {
        ["--settings"] = new("--settings", Many: false),
        ["--namespace"] = new("--namespace", Many: false),
    };

    public string Name => "regen";

    public string Summary => "rescan a header set from its settings file and update its ABI snapshot";

    public string Usage => "mshv regen [--settings FILE (default: " + SeedSettings + " and " + UpstreamSettings + ")] [--namespace NS]";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        CommandLine line = CommandLine.Parse(args, Options);
        if (line.Single("--settings") is string one)
        {
            return Regen(one, line, output, error);
        }

        int seed = Regen(SeedSettings, line, output, error);
        output.WriteLine();
        int upstream = Regen(UpstreamSettings, line, output, error);
        return Math.Max(seed, upstream);
    }

    private static int Regen(string settingsPath, CommandLine line, TextWriter output, TextWriter error)
    {
        if (!File.Exists(settingsPath))
        {
            error.WriteLine("mshv regen: settings file '" + settingsPath + "' not found (run from the repository root, or pass --settings)");
            return ExitCodes.Failed;
        }

        ScanSettings settings = ScanSettings.Read(settingsPath);
        var clock = Stopwatch.StartNew();
        ScanResult scan = HeaderScanner.Scan(settings.Options);
        clock.Stop();
        foreach (ScanDiagnostic diagnostic in scan.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        if (scan.Model is null)
        {
            return ExitCodes.Failed;
        }

        AbiModel model = scan.Model;
        output.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "Scanned {0} headers ({1}) for {2} in {3:0.00} s",
            model.Headers.Count,
            string.Join(", ", model.Headers),
            model.Target,
            clock.Elapsed.TotalSeconds));
        output.WriteLine(UpdateSnapshot(settings.ModelPath, model));
        if (settings.Fetched is { } fetched && settings.LockPath is string lockPath)
        {
            output.WriteLine(HeaderLockUpdate.Apply(lockPath, HeaderLock.Of(fetched.PackageVersion, fetched.IncludeRoot, scan.ReadFiles)));
        }

        string ns = line.Single("--namespace") ?? settings.Namespace ?? EmitOptions.DefaultNamespace;
        string prefix = BindingEmitter.DefaultClassPrefix(Path.GetFileNameWithoutExtension(settings.ModelPath));
        EmitResult emitted = BindingEmitter.Emit(model, new EmitOptions(ns, prefix, EmitIoctlSupportTypes: false));
        BindingSummary.Write(model, emitted, ns, prefix, output);
        foreach (EmitDiagnostic diagnostic in emitted.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        return emitted.Diagnostics.Any(d => d.IsError) ? ExitCodes.Failed : ExitCodes.Success;
    }

    /// <summary>Writes the snapshot only when the ABI differs, and says how it differs.</summary>
    private static string UpdateSnapshot(string modelPath, AbiModel model)
    {
        string text = AbiModelWriter.Write(model);
        if (!File.Exists(modelPath))
        {
            AtomicFile.WriteAllText(modelPath, text);
            return modelPath + ": written (new snapshot)";
        }

        string previousText = File.ReadAllText(modelPath);
        if (previousText == text)
        {
            return modelPath + ": unchanged";
        }

        AtomicFile.WriteAllText(modelPath, text);
        AbiModel previous;
        try
        {
            previous = AbiModelReader.Read(previousText, modelPath);
        }
        catch (AbiFormatException)
        {
            return modelPath + ": rewritten (the previous snapshot was not a readable model)";
        }

        AbiDiffReport report = AbiDiff.Compare(previous, model);
        return modelPath + ": updated; review it with git diff. Changes against the previous snapshot:\n" + AbiDiffText.Render(report);
    }
}
