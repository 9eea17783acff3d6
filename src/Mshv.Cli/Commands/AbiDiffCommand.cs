using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Mshv.Scanner;

namespace Mshv.Cli.Commands;

/// <summary>
/// <c>mshv abi-diff OLD NEW [--markdown]</c>: compares two ABI snapshots. Each side is a model file
/// (<c>*.abi</c>, as <c>mshv scan</c> writes it) or a directory of headers laid out for
/// <c>#include</c> (every <c>*.h</c> below it is scanned, the directory being the include path).
/// Exit code 0: no breaking change; 1: breaking changes; 2: an input could not be read.
/// Header directories are scanned with <c>linux/ioctl.h</c> included first, as <c>headers/mshv.abi</c> is:
/// uapi headers use <c>_IOW</c> without always including its definition, and without it the
/// requests could not be folded (and would show up as removed ioctls).
/// </summary>
public sealed class AbiDiffCommand : ICommand
{
    public const int NoBreakingChanges = 0;
    public const int BreakingChanges = 1;
    public const int BadInput = 2;

    private static readonly string[] PreludeIncludes = { "linux/ioctl.h" };

    public string Name => "abi-diff";

    public string Summary => "compare two ABI snapshots (.abi files or header folders); exit 1 if breaking";

    public string Usage => "mshv abi-diff OLD NEW [--markdown]";

    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        bool markdown = args.Contains("--markdown");
        string[] paths = args.Where(a => a != "--markdown").ToArray();
        if (paths.Length != 2 || paths.Any(p => p.StartsWith("-", StringComparison.Ordinal)))
        {
            throw new UsageException("expected OLD and NEW (each an .abi file or a header directory), and optionally --markdown");
        }

        return Run(paths[0], paths[1], markdown, output, error);
    }

    public static int Run(string oldPath, string newPath, bool markdown, TextWriter stdout, TextWriter stderr)
    {
        AbiModel? oldModel = Load(oldPath, "OLD", stderr);
        AbiModel? newModel = Load(newPath, "NEW", stderr);
        if (oldModel is null || newModel is null)
        {
            return BadInput;
        }

        AbiDiffReport report = AbiDiff.Compare(oldModel, newModel);
        stdout.Write(markdown ? AbiDiffMarkdown.Render(report) : AbiDiffText.Render(report));
        return report.HasBreaking ? BreakingChanges : NoBreakingChanges;
    }

    private static AbiModel? Load(string path, string role, TextWriter stderr)
    {
        if (Directory.Exists(path))
        {
            return ScanDirectory(path, role, stderr);
        }

        if (!File.Exists(path))
        {
            stderr.WriteLine("mshv abi-diff: " + role + " '" + path + "' is neither an .abi file nor a header directory");
            return null;
        }

        try
        {
            return AbiModelReader.Read(File.ReadAllText(path), path);
        }
        catch (AbiFormatException e)
        {
            stderr.WriteLine("mshv abi-diff: " + e.Message);
            if (!path.EndsWith(".abi", StringComparison.OrdinalIgnoreCase))
            {
                stderr.WriteLine("mshv abi-diff: " + role + " should be a model written by 'mshv scan' or a directory of headers");
            }

            return null;
        }
    }

    private static AbiModel? ScanDirectory(string directory, string role, TextWriter stderr)
    {
        string root = Path.GetFullPath(directory);
        List<string> headers = Directory.EnumerateFiles(root, "*.h", SearchOption.AllDirectories)
            .Select(file => file.Substring(root.Length).TrimStart(Path.DirectorySeparatorChar).Replace(Path.DirectorySeparatorChar, '/'))
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
        if (headers.Count == 0)
        {
            stderr.WriteLine("mshv abi-diff: " + role + " directory '" + directory + "' holds no *.h files");
            return null;
        }

        ScanResult result = HeaderScanner.Scan(new ScanOptions(headers, new[] { root }, Array.Empty<string>(), PreludeIncludes));
        foreach (ScanDiagnostic diagnostic in result.Diagnostics)
        {
            stderr.WriteLine(diagnostic.ToString());
        }

        if (result.Model is null)
        {
            stderr.WriteLine("mshv abi-diff: scanning " + role + " '" + directory + "' failed (see the diagnostics above)");
        }

        return result.Model;
    }
}
