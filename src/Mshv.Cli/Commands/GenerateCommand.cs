using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Cli.Scanning;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Generator.Selection;
using Mshv.Scanner;

namespace Mshv.Cli.Commands;

/// <summary>
/// <c>mshv generate</c>: headers (or a model) in, the C# files the generator would emit out, for projects that
/// check generated code in. The ioctl descriptor types are written too, so the files compile on their own; with
/// <c>--with-bindings</c> the files use those of <c>Mshv.Bindings</c> instead, for projects that reference it.
/// Outputs of one namespace compose: the files every model of a namespace shares are merged into <c>--shared-out</c>
/// (default: <c>--out</c>), so outputs in several folders that name one shared folder compile together.
/// </summary>
internal sealed class GenerateCommand : ICommand
{
    private static readonly Dictionary<string, OptionSpec> Options = ScanInvocation.With(
        ("--model", new("--model", Many: false)),
        ("--out", new("--out", Many: false)),
        ("-o", new("--out", Many: false)),
        ("--namespace", new("--namespace", Many: false)),
        ("--class-prefix", new("--class-prefix", Many: false)),
        ("--selection", new("--selection", Many: false)),
        ("--shared-out", new("--shared-out", Many: false)),
        ("--with-bindings", new("--with-bindings", Many: false, IsFlag: true)));

    public string Name => "generate";

    public string Summary => "scan headers (or read an .abi model) and write the C# bindings the generator emits";

    public string Usage => "mshv generate (" + ScanInvocation.Usage + " | --model FILE.abi) --out DIR [--namespace NS] [--shared-out DIR] [--class-prefix P] [--selection FILE] [--with-bindings]";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        CommandLine line = CommandLine.Parse(args, Options);
        string outDir = line.Single("--out") ?? throw new UsageException("--out DIR is required");
        string? modelPath = line.Single("--model");
        if (modelPath is not null && line.All("--header").Count > 0)
        {
            throw new UsageException("give --header or --model, not both");
        }

        ScanResult? scan = modelPath is null ? ScanInvocation.Run(line, Name, error, output) : null;
        AbiModel? model = modelPath is null ? scan?.Model : ReadModel(modelPath, error);
        if (model is null)
        {
            return ExitCodes.Failed;
        }

        SelectionFile? selection = null;
        if (line.Single("--selection") is string selectionPath)
        {
            model = Select(model, selectionPath, error, out selection);
            if (model is null)
            {
                return ExitCodes.Failed;
            }
        }

        string stem = Path.GetFileNameWithoutExtension(modelPath ?? model.Headers.FirstOrDefault() ?? "bindings");
        var options = new EmitOptions(
            line.Single("--namespace") ?? ProjectNamespace.For(outDir),
            line.Single("--class-prefix") ?? BindingEmitter.DefaultClassPrefix(stem),
            // Alone, the files carry their own (internal) ioctl descriptor types; next to Mshv.Bindings they use its public
            // ones, so FileDescriptorHandle.Ioctl accepts the generated descriptors.
            EmitIoctlSupportTypes: !line.Has("--with-bindings"))
        {
            Directives = selection?.Directives ?? default,
        };
        EmitResult result = BindingEmitter.Emit(model, options);
        foreach (EmitDiagnostic diagnostic in result.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        if (result.Diagnostics.Any(d => d.IsError))
        {
            return ExitCodes.Failed;
        }

        try
        {
            Write(outDir, line.Single("--shared-out") ?? outDir, options, result.Files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("mshv generate: cannot write " + outDir + ": " + e.Message);
            return ExitCodes.Failed;
        }

        output.WriteLine("mshv generate: " + result.Files.Count + " files in " + outDir);
        return ScanInvocation.ExitCodeOf(scan);
    }

    /// <summary>Narrows the model as the generator does for an MshvSelection file; an unknown name is MSHV0006 and fails the command.</summary>
    private static AbiModel? Select(AbiModel model, string path, TextWriter error, out SelectionFile? selection)
    {
        selection = null;
        try
        {
            selection = SelectionFile.Parse(Path.GetFullPath(path), File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("mshv generate: cannot read " + path + ": " + e.Message);
            return null;
        }

        var known = new HashSet<string>(ModelSelection.SelectableNames(model), StringComparer.Ordinal);
        bool failed = false;
        foreach (SelectedName name in selection.Names)
        {
            if (SelectionRules.Problem(name, known, "the model") is string problem)
            {
                error.WriteLine(path + ":" + name.Line + ": error MSHV0006: " + problem);
                failed = true;
            }
        }

        foreach (EmitDiagnostic malformed in DirectiveCheck.Malformed(selection.Directives).Concat(DirectiveCheck.Unknown(selection.Directives, new[] { model })))
        {
            error.WriteLine(path + ":" + malformed.HeaderLocation!.Line + ": error " + malformed.Id + ": " + malformed.Message);
            failed = true;
        }

        // A file of directives only (count, kinds, argument) narrows nothing.
        return failed ? null
            : selection.Names.Count == 0 ? model
            : ModelSelection.Apply(model, SelectionRules.Resolve(selection.Names, known));
    }

    private static AbiModel? ReadModel(string path, TextWriter error)
    {
        try
        {
            return AbiModelReader.Read(File.ReadAllText(path), path);
        }
        catch (AbiFormatException e)
        {
            error.WriteLine(e.File + ":" + e.Line + ": error MSHV0001: " + e.Reason);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine("mshv generate: cannot read " + path + ": " + e.Message);
        }

        return null;
    }

    /// <summary>Whether a file opens with the two lines every emitted file opens with.</summary>
    private static bool WrittenByTheGenerator(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine() == SourceFile.AutoGeneratedLine && reader.ReadLine() == SourceFile.GeneratedByLine;
    }

    /// <summary>
    /// Writes the model's files to <paramref name="outDir"/> and the namespace's shared ones (inline arrays, complex and
    /// ioctl support types) to <paramref name="sharedDir"/>, and removes this prefix's files from an earlier run that are
    /// no longer emitted (a record removed from the header).
    /// </summary>
    private static void Write(string outDir, string sharedDir, EmitOptions options, IReadOnlyList<EmittedFile> files)
    {
        Directory.CreateDirectory(outDir);
        Directory.CreateDirectory(sharedDir);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (EmittedFile emitted in files)
        {
            // Several outputs of one namespace share its shared files (in one folder): keep every length and kind.
            bool shared = BindingEmitter.IsSharedByNamespace(emitted, options.Namespace);
            string path = Path.Combine(shared ? sharedDir : outDir, emitted.HintName);
            EmittedFile file = File.Exists(path) ? BindingEmitter.MergeWithExisting(emitted, File.ReadAllText(path), options.Namespace) : emitted;
            File.WriteAllText(path, file.Source);
            written.Add(Path.GetFullPath(path));
        }

        // Stale: a file of this prefix the generator wrote before (it opens with the generator's header) and not now. A
        // user's own T.notes.g.cs beside them is not the generator's, and is kept.
        foreach (string stale in Directory.GetFiles(outDir, options.ClassPrefix + ".*.g.cs")
            .Where(f => !written.Contains(Path.GetFullPath(f)) && WrittenByTheGenerator(f)))
        {
            File.Delete(stale);
        }
    }
}
