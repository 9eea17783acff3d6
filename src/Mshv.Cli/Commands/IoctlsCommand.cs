using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Cli.Ioctls;
using Mshv.Cli.Scanning;

namespace Mshv.Cli.Commands;

/// <summary>
/// <c>mshv ioctls</c>: every ioctl request of the headers (or of a model) with its number, direction, type, nr, size
/// and argument, then every request builder (<c>EVIOCGNAME(len)</c>) with its base encoding and the bits its arguments
/// move, as CSV, JSON, or an OCI seccomp allow-list (<see cref="OciSeccompProfile"/>). <c>--only</c> keeps the
/// named requests and builders, so an allow-list can hold just what a VMM issues.
/// </summary>
internal sealed class IoctlsCommand : ICommand
{
    private static readonly Dictionary<string, OptionSpec> Options = ScanInvocation.With(
        ("--model", new("--model", Many: false)),
        ("--format", new("--format", Many: false)),
        ("--only", new("--only", Many: true)),
        ("--out", new("--out", Many: false)),
        ("-o", new("--out", Many: false)));

    public string Name => "ioctls";

    public string Summary => "list every ioctl request as csv, json or an OCI seccomp allow-list";

    public string Usage => "mshv ioctls (" + ScanInvocation.Usage + " | --model FILE.abi) [--format csv|json|oci-seccomp] [--only NAME...] [--out FILE]";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        CommandLine line = CommandLine.Parse(args, Options);
        string format = line.Single("--format") ?? "csv";
        if (format is not ("csv" or "json" or "oci-seccomp"))
        {
            throw new UsageException("--format is csv, json or oci-seccomp, not '" + format + "'");
        }

        string? modelPath = line.Single("--model");
        if (modelPath is not null && line.All("--header").Count > 0)
        {
            throw new UsageException("give --header or --model, not both");
        }

        AbiModel? model = modelPath is null ? ScanInvocation.Run(line, Name, error)?.Model : ReadModel(modelPath, error);
        if (model is null)
        {
            return ExitCodes.Failed;
        }

        List<AbiIoctl> ioctls = model.Ioctls.ToList();
        List<AbiRequestBuilder> builders = model.RequestBuilders.ToList();
        IReadOnlyList<string> only = line.All("--only");
        if (only.Count > 0)
        {
            var known = new HashSet<string>(ioctls.Select(i => i.Name).Concat(builders.Select(b => b.Name)), StringComparer.Ordinal);
            string[] unknown = only.Where(n => !known.Contains(n)).ToArray();
            foreach (string name in unknown)
            {
                error.WriteLine("mshv ioctls: '" + name + "' is not an ioctl request of " + string.Join(", ", model.Headers));
            }

            if (unknown.Length > 0)
            {
                return ExitCodes.Failed;
            }

            var wanted = new HashSet<string>(only, StringComparer.Ordinal);
            ioctls = ioctls.Where(i => wanted.Contains(i.Name)).ToList();
            builders = builders.Where(b => wanted.Contains(b.Name)).ToList();
        }

        if (format == "oci-seccomp")
        {
            foreach (AbiRequestBuilder builder in OciSeccompProfile.LeftOut(builders))
            {
                error.WriteLine("mshv ioctls: " + IoctlTable.Signature(builder) + " is left out of the allow-list: its arguments move the request's "
                    + "number, so one rule would allow other requests of type 0x" + builder.Type.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)
                    + "; allow the concrete requests you issue");
            }
        }

        string text = format switch
        {
            "json" => IoctlTable.Json(ioctls, builders, model.Target),
            "oci-seccomp" => OciSeccompProfile.Write(ioctls, builders, model.Target),
            _ => IoctlTable.Csv(ioctls, builders),
        };
        if (line.Single("--out") is string path)
        {
            try
            {
                File.WriteAllText(path, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine("mshv ioctls: cannot write " + path + ": " + e.Message);
                return ExitCodes.Failed;
            }
        }
        else
        {
            output.Write(text);
        }

        return ExitCodes.Success;
    }

    private static AbiModel? ReadModel(string path, TextWriter error)
    {
        try
        {
            return AbiModelReader.Read(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is AbiFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("mshv ioctls: " + e.Message);
            return null;
        }
    }
}
