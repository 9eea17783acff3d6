using System;
using System.Collections.Generic;
using System.IO;
using Mshv.Abi;
using Mshv.Cli.Scanning;
using Mshv.Scanner;

namespace Mshv.Cli.Commands;

/// <summary><c>mshv scan</c>: headers in, ABI model text out.</summary>
internal sealed class ScanCommand : ICommand
{
    private static readonly Dictionary<string, OptionSpec> Options = ScanInvocation.With(
        ("--out", new("--out", Many: false)),
        ("-o", new("--out", Many: false)),
        ("-v", new("--verbose", Many: false, IsFlag: true)),
        ("--verbose", new("--verbose", Many: false, IsFlag: true)));

    public string Name => "scan";

    public string Summary => "scan C headers with libclang and print (or write) their ABI model";

    public string Usage => "mshv scan " + ScanInvocation.Usage + " [--out FILE] [-v]";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        CommandLine line = CommandLine.Parse(args, Options);
        // With --out, stdout is free for the one-line summary; without, it carries the model.
        TextWriter? summary = line.Single("--out") is null ? null : output;
        ScanResult? scan = ScanInvocation.Run(line, Name, error, summary);
        if (line.Has("--verbose") && scan is not null)
        {
            // What was not bound, and why: function-like macros that build no request the model can express.
            foreach (ScanNote note in scan.Notes)
            {
                error.WriteLine(note.ToString());
            }
        }

        if (scan is not { Model: AbiModel model })
        {
            return ExitCodes.Failed;
        }

        if (line.Single("--diagnostics") is null or "text")
        {
            RequestNumberLint.Write(model, error);
        }

        if (line.Single("--out") is string path)
        {
            try
            {
                AtomicFile.Write(path, stream => AbiModelWriter.Write(model, stream));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine(ScanInvocation.CannotWrite(line, Name, path, e));
                return ExitCodes.Failed;
            }
        }
        else
        {
            output.Write(AbiModelWriter.Write(model));
        }

        return ScanInvocation.ExitCodeOf(scan);
    }
}
