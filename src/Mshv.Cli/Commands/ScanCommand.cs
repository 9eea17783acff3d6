using System;
using System.Collections.Generic;
using System.IO;
using Mshv.Abi;
using Mshv.Scanner;

namespace Mshv.Cli.Commands;

/// <summary><c>mshv scan</c>: headers in, ABI model text out.</summary>
internal sealed class ScanCommand : ICommand
{
    private static readonly Dictionary<string, OptionSpec> Options = new(StringComparer.Ordinal)
    {
        ["--header"] = new("--header", Many: true),
        ["-I"] = new("-I", Many: false),
        ["--include-dir"] = new("-I", Many: false),
        ["-D"] = new("-D", Many: false),
        ["--define"] = new("-D", Many: false),
        ["--include"] = new("--include", Many: false),
        ["--out"] = new("--out", Many: false),
        ["-o"] = new("--out", Many: false),
        ["--target"] = new("--target", Many: false),
        ["--builtin-include"] = new("--builtin-include", Many: false),
    };

    public string Name => "scan";

    public string Summary => "scan C headers with libclang and print (or write) their ABI model";

    public string Usage => "mshv scan --header FILE... [-I DIR...] [-D NAME[=VAL]...] [--include HDR...] [--target TRIPLE] [--builtin-include DIR] [--out FILE]";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        CommandLine line = CommandLine.Parse(args, Options);
        if (line.All("--header").Count == 0)
        {
            throw new UsageException("at least one --header is required");
        }

        var options = new ScanOptions(line.All("--header"), line.All("-I"), line.All("-D"), line.All("--include"))
        {
            BuiltinIncludeDirectory = line.Single("--builtin-include"),
        };
        if (line.Single("--target") is string target)
        {
            options = options with { Target = target };
        }

        ScanResult result = HeaderScanner.Scan(options);
        foreach (ScanDiagnostic diagnostic in result.Diagnostics)
        {
            error.WriteLine(diagnostic.ToString());
        }

        if (result.Model is null)
        {
            return ExitCodes.Failed;
        }

        string text = AbiModelWriter.Write(result.Model);
        if (line.Single("--out") is string path)
        {
            try
            {
                File.WriteAllText(path, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine("mshv scan: cannot write " + path + ": " + e.Message);
                return ExitCodes.Failed;
            }
        }
        else
        {
            output.Write(text);
        }

        return ExitCodes.Success;
    }
}
