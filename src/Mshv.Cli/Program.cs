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
            error.WriteLine("mshv: unknown command '" + args[0] + "'");
            WriteHelp(error);
            return ExitCodes.Usage;
        }

        if (args.Count > 1 && args[1] is "-h" or "--help")
        {
            output.WriteLine(command.Summary);
            output.WriteLine("usage: " + command.Usage);
            return ExitCodes.Success;
        }

        try
        {
            return command.Run(args.Skip(1).ToArray(), output, error);
        }
        catch (UsageException e)
        {
            error.WriteLine("mshv " + command.Name + ": " + e.Message);
            error.WriteLine("usage: " + command.Usage);
            return ExitCodes.Usage;
        }
    }

    private static void WriteHelp(TextWriter writer)
    {
        writer.WriteLine("usage: mshv <command> [options]");
        foreach (ICommand command in Commands)
        {
            writer.WriteLine("  " + command.Name.PadRight(11) + command.Summary);
            writer.WriteLine("      " + command.Usage);
        }
    }
}
