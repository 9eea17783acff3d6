using System;
using System.Collections.Generic;
using System.IO;
using Mshv.Abi;
using Mshv.Abi.Diff;

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
            if (File.Exists(baselinePath))
            {
                AbiDiffReport report = AbiDiff.Compare(AbiModelReader.Read(File.ReadAllText(baselinePath), baselinePath), model);
                if (report.IsEmpty)
                {
                    output.WriteLine("mshv abi-accept: " + baselinePath + " already matches; nothing to accept");
                    return ExitCodes.Success;
                }

                output.WriteLine("mshv abi-accept: accepting into " + baselinePath + ":");
                output.Write(AbiDiffText.Render(report));
            }
            else
            {
                output.WriteLine("mshv abi-accept: creating the ABI baseline " + baselinePath + " (" + model.Target + "); check it in");
            }

            string? folder = Path.GetDirectoryName(Path.GetFullPath(baselinePath));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            // Written whole or not at all: a half-written baseline would fail the next build for the wrong reason.
            string temporary = baselinePath + ".tmp";
            File.WriteAllText(temporary, text);
            File.Move(temporary, baselinePath, overwrite: true);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is AbiFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("mshv abi-accept: " + e.Message);
            return ExitCodes.Failed;
        }
    }
}
