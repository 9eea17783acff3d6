using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Cli.Commands;

namespace Mshv.Cli;

public static class Program
{
    private static readonly ICommand[] Commands = { new ScanCommand(), new GenerateCommand(), new RegenCommand(), new AbiDiffCommand(), new AbiCheckCommand(), new AbiAcceptCommand(), new IoctlsCommand() };

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            WriteHelp(args.Count == 0 ? error : output);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }

        ICommand? command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            error.WriteLine("mshv: unknown command '" + args[0] + "' (mshv --help lists them)");
            return ExitCodes.Usage;
        }

        if (args.Count > 1 && args[1] is "-h" or "--help")
        {
            output.WriteLine(command.Summary + ".");
            output.WriteLine("usage: " + Wrap(command.Usage));
            return ExitCodes.Success;
        }

        try
        {
            return command.Run(args.Skip(1).ToArray(), output, error);
        }
        catch (UsageException e)
        {
            error.WriteLine("mshv " + command.Name + ": " + e.Message + " (mshv " + command.Name + " --help for its options)");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is (IOException and not FileLoadException) or UnauthorizedAccessException && !IsAssemblyLoad(e))
        {
            // A file the command could not read or write, wherever it was opened: the path and the system's reason, not a
            // stack trace (an abort, exit 134, which a build reports as a crashed scanner). The comparing commands keep
            // 1 for "breaking changes", so for them it is bad input.
            error.WriteLine("mshv " + command.Name + ": error: " + e.Message);
            return command.Name is "abi-diff" or "abi-check" ? ExitCodes.Usage : ExitCodes.Failed;
        }
    }

    /// <summary>A dependency of the tool failed to load: a broken install, which keeps its stack trace.</summary>
    private static bool IsAssemblyLoad(Exception e) =>
        e is FileNotFoundException && e.Message.StartsWith("Could not load file or assembly", StringComparison.Ordinal);

    /// <summary>One line a command: what a first look needs; each command's options are behind its own --help.</summary>
    private static void WriteHelp(TextWriter writer)
    {
        writer.WriteLine("usage: mshv <command> [options]   (mshv <command> --help for its options)");
        int width = Commands.Max(c => c.Name.Length) + 2;
        foreach (ICommand command in Commands)
        {
            writer.WriteLine("  " + command.Name.PadRight(width) + command.Summary);
        }
    }

    /// <summary>A long usage line broken before its options, so no line passes about 100 characters.</summary>
    private static string Wrap(string usage)
    {
        var text = new System.Text.StringBuilder();
        int column = 0;
        foreach (string part in usage.Split(new[] { " [" }, StringSplitOptions.None).Select((p, i) => i == 0 ? p : "[" + p))
        {
            if (column > 0 && column + part.Length + 1 > 100)
            {
                text.Append("\n    ");
                column = 4;
            }
            else if (column > 0)
            {
                text.Append(' ');
                column++;
            }

            text.Append(part);
            column += part.Length;
        }

        return text.ToString();
    }
}
