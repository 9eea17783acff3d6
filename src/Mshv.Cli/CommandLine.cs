using System;
using System.Collections.Generic;

namespace Mshv.Cli;

/// <summary>A command line's options, checked against what the command declares.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    private CommandLine()
    {
    }

    /// <summary>All values given for an option, in order (an option may repeat, or take several values after it).</summary>
    public IReadOnlyList<string> All(string option) =>
        _values.TryGetValue(option, out List<string>? values) ? values : Array.Empty<string>();

    /// <summary>Whether a flag (an option without a value) was given.</summary>
    public bool Has(string option) => All(option).Count > 0;

    public string? Single(string option)
    {
        IReadOnlyList<string> values = All(option);
        if (values.Count > 1)
        {
            throw new UsageException(option + " is given more than once");
        }

        return values.Count == 1 ? values[0] : null;
    }

    /// <summary>
    /// Parses <c>--name VALUE...</c>, <c>--name=VALUE</c> and short forms glued to their value (<c>-Iinclude</c>, <c>-DNAME=1</c>).
    /// <paramref name="options"/> maps each accepted spelling to its canonical name and whether it takes several values.
    /// </summary>
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, OptionSpec> options)
    {
        var line = new CommandLine();
        int i = 0;
        while (i < args.Count)
        {
            string arg = args[i++];
            string? inline = null;
            string name = arg;
            int equals = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg.Substring(0, equals);
                inline = arg.Substring(equals + 1);
            }
            else if (!arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2 && arg[0] == '-' && options.ContainsKey(arg.Substring(0, 2)))
            {
                name = arg.Substring(0, 2);
                inline = arg.Substring(2);
            }

            if (!options.TryGetValue(name, out OptionSpec? spec))
            {
                throw new UsageException(arg.StartsWith("-", StringComparison.Ordinal) ? "unknown option " + arg : "unexpected argument " + arg);
            }

            if (!line._values.TryGetValue(spec.Name, out List<string>? values))
            {
                values = new List<string>();
                line._values[spec.Name] = values;
            }

            if (spec.IsFlag)
            {
                if (inline is not null)
                {
                    throw new UsageException(name + " takes no value");
                }

                values.Add("true");
                continue;
            }

            if (inline is not null)
            {
                if (inline.Length == 0)
                {
                    // '--out=' is no path: reading or writing "" throws far from here.
                    throw new UsageException(name + " needs a value");
                }

                values.Add(inline);
                continue;
            }

            int before = values.Count;
            while (i < args.Count && !args[i].StartsWith("-", StringComparison.Ordinal) && (spec.Many || values.Count == before))
            {
                values.Add(args[i++]);
            }

            if (values.Count == before)
            {
                throw new UsageException(name + " needs a value");
            }
        }

        return line;
    }
}

/// <summary>An option a command accepts: its canonical name, whether several values may follow it, or none (a flag).</summary>
internal sealed record OptionSpec(string Name, bool Many, bool IsFlag = false);

/// <summary>Bad command-line input: reported with the command's usage, exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
