using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Mshv.Cli.Scanning;

namespace Mshv.Cli.Commands;

/// <summary>
/// <c>mshv abi-accept</c>: makes a fresh model the checked-in ABI baseline (what <c>dotnet build -p:MshvAcceptAbi=true</c>
/// does), after printing the changes it accepts, so the baseline's diff in review comes with its explanation.
/// </summary>
internal sealed class AbiAcceptCommand : ICommand
{
    private static readonly Dictionary<string, OptionSpec> Options = new(StringComparer.Ordinal)
    {
        ["--baseline"] = new("--baseline", Many: false),
        ["--model"] = new("--model", Many: false),
    };

    public string Name => "abi-accept";

    public string Summary => "make a fresh model the checked-in ABI baseline, printing what it accepts";

    public string Usage => "mshv abi-accept --model FILE.abi --baseline FILE.abi";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        CommandLine line = CommandLine.Parse(args, Options);
        string baselinePath = line.Single("--baseline") ?? throw new UsageException("--baseline FILE.abi is required");
        string modelPath = line.Single("--model") ?? throw new UsageException("--model FILE.abi is required");
        try
        {
            string text = File.ReadAllText(modelPath);
            AbiModel model = AbiModelReader.Read(text, modelPath);
            if (Directory.Exists(baselinePath))
            {
                error.WriteLine("mshv abi-accept: --baseline " + baselinePath + " is a directory; name the baseline file (NAME.TRIPLE.abi)");
                return ExitCodes.Failed;
            }

            string message = string.Empty;
            if (File.Exists(baselinePath))
            {
                AbiModel? baseline = null;
                try
                {
                    baseline = AbiModelReader.Read(File.ReadAllText(baselinePath), baselinePath);
                }
                catch (AbiFormatException e)
                {
                    // MSHV2005 says to regenerate a baseline that cannot be read: this is how, so it is replaced, saying so.
                    message = "mshv abi-accept: replacing the unreadable baseline " + baselinePath + " (" + e.Message + ")";
                }

                if (baseline is not null)
                {
                    AbiDiffReport report = AbiDiff.Compare(baseline, model);
                    if (report.IsEmpty)
                    {
                        output.WriteLine("mshv abi-accept: " + baselinePath + " already matches; nothing to accept");
                        return ExitCodes.Success;
                    }

                    if (report.Changes.Any(c => c.Kind == AbiChangeKind.TargetChanged))
                    {
                        // One baseline a target: another target's layouts would pass its gate for the wrong machine.
                        error.WriteLine("mshv abi-accept: " + baselinePath + " is the baseline of " + baseline.Target + ", and the model is for "
                            + model.Target + "; accept it into that target's baseline (or delete this file to start it again)");
                        return ExitCodes.Failed;
                    }

                    message = "mshv abi-accept: accepting into " + baselinePath + ":\n" + AbiDiffText.Render(report).TrimEnd('\n');
                }
            }
            else
            {
                message = "mshv abi-accept: creating the ABI baseline " + baselinePath + " (" + model.Target + "); check it in";
            }

            string? folder = Path.GetDirectoryName(Path.GetFullPath(baselinePath));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            // Written whole or not at all (a temporary file of this process, removed on failure): a half-written baseline
            // would fail the next build for the wrong reason. Said once it is written.
            AtomicFile.WriteAllText(baselinePath, text);
            output.WriteLine(message);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is AbiFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("mshv abi-accept: " + e.Message);
            return ExitCodes.Failed;
        }
    }
}
