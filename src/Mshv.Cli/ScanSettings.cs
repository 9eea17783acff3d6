using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Cli.Upstream;
using Mshv.Scanner;

namespace Mshv.Cli;

/// <summary>
/// A header set's scan settings kept in a file beside the headers (<c>headers/mshv.scan</c>): the same
/// options <c>mshv scan</c> takes, one or more a line, <c>#</c> comments; directories and the output
/// path are relative to the file, header names are found on the include path as <c>#include</c> would.
/// Headers fetched into a cache (<c>headers/upstream/mshv.scan</c>) add <c>--fetch SCRIPT</c>, whose include root
/// <c>-I @…</c> refers to, and <c>--lock FILE</c>, the snapshot's provenance (package version, header hashes).
/// </summary>
internal sealed record ScanSettings(ScanOptions Options, string ModelPath)
{
    /// <summary>The fetched headers the settings scan, or null for headers in the repository.</summary>
    public FetchedHeaders? Fetched { get; init; }

    /// <summary>The namespace the bindings of this header set are generated into (<c>--namespace</c>), or null for the default.</summary>
    public string? Namespace { get; init; }

    /// <summary>Where the provenance of a fetched scan is kept (relative to the current directory), or null.</summary>
    public string? LockPath { get; init; }

    public static ScanSettings Read(string path)
    {
        string baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string[] words = File.ReadAllLines(path)
            .Select(line => line.Split('#')[0])
            .SelectMany(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .ToArray();

        // The fetch runs first, wherever it is written: -I @… needs its include root.
        int fetchAt = Array.IndexOf(words, "--fetch");
        FetchedHeaders? fetched = fetchAt >= 0 && fetchAt + 1 < words.Length
            ? FetchedHeaders.Run(Path.Combine(baseDirectory, words[fetchAt + 1]))
            : null;
        var headers = new List<string>();
        var includeDirectories = new List<string>();
        var defines = new List<string>();
        var preludes = new List<string>();
        string? output = null;
        string? target = null;
        string? lockPath = null;
        string? ns = null;
        for (int i = 0; i < words.Length; i++)
        {
            string option = words[i];
            string value = i + 1 < words.Length ? words[++i] : throw new UsageException(path + ": " + option + " needs a value");
            switch (option)
            {
                case "--header": headers.Add(value); break;
                case "-I": includeDirectories.Add(Path.GetFullPath(Path.Combine(baseDirectory, fetched?.Expand(value) ?? value))); break;
                case "--fetch": break;
                case "--lock": lockPath = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(baseDirectory, value)); break;
                case "-D": defines.Add(value); break;
                case "--include": preludes.Add(value); break;
                case "--out": output = Path.Combine(baseDirectory, value); break;
                case "--target": target = value; break;
                case "--namespace": ns = value; break;
                default: throw new UsageException(path + ": unknown setting " + option);
            }
        }

        if (headers.Count == 0 || output is null)
        {
            throw new UsageException(path + ": needs at least one --header and an --out model path");
        }

        var options = new ScanOptions(headers, includeDirectories, defines, preludes);
        if (lockPath is not null && fetched is null)
        {
            throw new UsageException(path + ": --lock records fetched headers; it needs --fetch");
        }

        return new ScanSettings(target is null ? options : options with { Target = target }, Path.GetRelativePath(Environment.CurrentDirectory, output))
        {
            Fetched = fetched,
            LockPath = lockPath,
            Namespace = ns,
        };
    }
}
