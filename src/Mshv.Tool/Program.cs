// The tool's entry point is the CLI's: one implementation of every command.
return Mshv.Cli.Program.Main(args);
