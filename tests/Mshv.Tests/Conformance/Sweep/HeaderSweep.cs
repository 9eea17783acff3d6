using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Mshv.Abi;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Conformance.Sweep;

/// <summary>
/// Compiles each header alone (after the default prelude, <c>&lt;linux/ioctl.h&gt;</c>) through the whole pipeline and
/// the conformance comparison: gcc must accept it, then scan, generate, and compare every record, member, macro and
/// ioctl with what the target's gcc measures. Headers are handled in batches so one C program (each header's probe
/// still its own translation unit) and one C# compilation serve many of them; the per-header work runs in parallel.
/// </summary>
internal static class HeaderSweep
{
    public const string Prelude = "linux/ioctl.h";

    private static readonly Regex FirstError = new(@"^.*\berror\b.*$", RegexOptions.Multiline | RegexOptions.Compiled);

    public static IReadOnlyList<HeaderOutcome> Run(SweepTarget target, IReadOnlyList<string> headers, int batchSize = 60, Action<string>? progress = null)
    {
        string builtin = target.BuiltinIncludeDirectory;
        var outcomes = new List<HeaderOutcome>();
        for (int start = 0; start < headers.Count; start += batchSize)
        {
            var batch = headers.Skip(start).Take(batchSize).Select((h, i) => (Header: h, Id: start + i)).ToList();
            outcomes.AddRange(RunBatch(target, builtin, batch));
            progress?.Invoke($"sweep {target.Name}: {Math.Min(start + batchSize, headers.Count)}/{headers.Count} headers");
        }

        return outcomes;
    }

    /// <summary>A header between the stages: scanned, generated, its C probe compiled to an object file.</summary>
    private sealed class Pending(string header, int id, AbiModel model, IReadOnlyList<EmittedFile> files, CompilerInventory inventory, string objectFile, List<string> diagnostics)
    {
        public string Header { get; } = header;
        public int Id { get; } = id;
        public AbiModel Model { get; } = model;
        public IReadOnlyList<EmittedFile> Files { get; } = files;
        public CompilerInventory Inventory { get; } = inventory;
        public string ObjectFile { get; } = objectFile;
        public List<string> Diagnostics { get; } = diagnostics;
        public string Entry => "mshv_probe_" + Id;
        public string ProbeClass => "MshvConformanceProbe_" + Id;
        public string Namespace => "Mshv.Sweep.H" + Id;
    }

    private static List<HeaderOutcome> RunBatch(SweepTarget target, string builtin, IReadOnlyList<(string Header, int Id)> batch)
    {
        using var work = new TempDirectory("sweep-" + target.Name);
        var done = new ConcurrentBag<HeaderOutcome>();
        var pending = new ConcurrentBag<Pending>();
        Parallel.ForEach(batch, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, item =>
        {
            try
            {
                if (Prepare(target, builtin, item.Header, item.Id, work.Path, out HeaderOutcome? outcome) is Pending ready)
                {
                    pending.Add(ready);
                }
                else
                {
                    done.Add(outcome!);
                }
            }
            catch (Exception error)
            {
                done.Add(Failed(item.Header, new List<string>(), "the sweep itself failed: " + error));
            }
        });

        var ready = pending.OrderBy(p => p.Id).ToList();
        if (ready.Count > 0)
        {
            Dictionary<int, string> cOutputs = RunCProbes(target, ready, work.Path, done);
            Dictionary<int, string> csOutputs = RunCSharpProbes(ready.Where(p => cOutputs.ContainsKey(p.Id)).ToList(), done);
            foreach (Pending p in ready.Where(p => cOutputs.ContainsKey(p.Id) && csOutputs.ContainsKey(p.Id)))
            {
                ConformanceReport report = ConformanceRunner.Compare(p.Model, cOutputs[p.Id], csOutputs[p.Id], p.Inventory, p.Diagnostics);
                done.Add(new HeaderOutcome(p.Header, report.Mismatches.Count == 0 ? HeaderVerdict.Exact : HeaderVerdict.Failed, report, report.Mismatches, p.Diagnostics));
            }
        }

        return done.OrderBy(o => o.Header, StringComparer.Ordinal).ToList();
    }

    private static Pending? Prepare(SweepTarget target, string builtin, string header, int id, string work, out HeaderOutcome? outcome)
    {
        outcome = null;
        var includes = new[] { Prelude, header };
        string unit = Path.Combine(work, "alone_" + id + ".c");
        File.WriteAllText(unit, string.Concat(includes.Select(i => "#include <" + i + ">\n")));
        string? rejected = CompilerError(target.Compiler, new[] { "-fsyntax-only", "-std=gnu11", "-w", unit }.Concat(target.CompilerFlags));
        if (rejected is not null)
        {
            outcome = new HeaderOutcome(header, HeaderVerdict.CompilerRejects, null, new[] { rejected }, Array.Empty<string>());
            return null;
        }

        string path = SweepHeaders.PathOf(header, target);
        var options = new ScanOptions(new[] { path }, target.IncludeDirectories, Array.Empty<string>(), new[] { Prelude }, target.Triple)
        {
            BuiltinIncludeDirectory = builtin,
        };
        ScanResult scan = HeaderScanner.Scan(options);
        var diagnostics = scan.Diagnostics.Select(d => d.ToString()).ToList();
        if (scan.Model is null || scan.HasErrors)
        {
            outcome = Failed(header, diagnostics, "gcc compiles the header alone but the scan failed");
            return null;
        }

        EmitResult emitted = BindingEmitter.Emit(scan.Model, new EmitOptions("Mshv.Sweep.H" + id, "Probe", EmitIoctlSupportTypes: true)
        {
            // The C# side measures the target's layouts in this process, whatever its architecture: nothing is run against a kernel.
            CheckProcessArchitecture = false,
        });
        diagnostics.AddRange(emitted.Diagnostics.Select(d => d.ToString()));
        if (emitted.Diagnostics.Any(d => d.IsError))
        {
            outcome = Failed(header, diagnostics, "the generator reported an error");
            return null;
        }

        CompilerInventory inventory = CompilerInventory.Of(includes, target.CompilerFlags.ToList(), new[] { path }, target.Compiler);
        string probe = Path.Combine(work, "probe_" + id + ".c");
        string objectFile = Path.Combine(work, "probe_" + id + ".o");
        File.WriteAllText(probe, CProbeWriter.Write(scan.Model, includes, "mshv_probe_" + id, inventory.TagsAnywhere));
        string? probeError = CompilerError(target.Compiler, new[] { "-std=gnu11", "-w", "-c", "-o", objectFile, probe }.Concat(target.CompilerFlags), all: true);
        if (probeError is not null)
        {
            outcome = Failed(header, diagnostics, "the C probe does not compile: " + probeError);
            return null;
        }

        return new Pending(header, id, scan.Model, emitted.Files, inventory, objectFile, diagnostics);
    }

    /// <summary>Links every probe into one program with a main that marks where each header's output starts, runs it, splits the output.</summary>
    private static Dictionary<int, string> RunCProbes(SweepTarget target, IReadOnlyList<Pending> ready, string work, ConcurrentBag<HeaderOutcome> done)
    {
        var main = new StringBuilder("#include <stdio.h>\n");
        foreach (Pending p in ready)
        {
            main.Append("void ").Append(p.Entry).Append("(void);\n");
        }

        main.Append("int main(void) {\n");
        foreach (Pending p in ready)
        {
            main.Append("  printf(\"== ").Append(p.Id).Append("\\n\"); ").Append(p.Entry).Append("();\n");
        }

        main.Append("  printf(\"== end\\n\");\n  return 0;\n}\n");
        string mainFile = Path.Combine(work, "main.c");
        string program = Path.Combine(work, "probes");
        File.WriteAllText(mainFile, main.ToString());
        var link = new List<string> { "-std=gnu11", "-w", "-o", program, mainFile };
        link.AddRange(ready.Select(p => p.ObjectFile));
        link.AddRange(target.LinkFlags);
        CCompiler.Run(target.Compiler, link, "linking the sweep's C probes");
        string output = target.Runner is null
            ? CCompiler.Run(program, Array.Empty<string>(), "running the sweep's C probes")
            : CCompiler.Run(target.Runner, new[] { program }, "running the sweep's C probes under " + target.Runner);

        var outputs = new Dictionary<int, string>();
        int? current = null;
        var text = new StringBuilder();
        foreach (string line in output.Split('\n'))
        {
            if (line.StartsWith("== ", StringComparison.Ordinal))
            {
                if (current is int id)
                {
                    outputs[id] = text.ToString();
                }

                text.Clear();
                current = line == "== end" ? null : int.Parse(line.Substring(3), System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }

            text.Append(line).Append('\n');
        }

        foreach (Pending p in ready.Where(p => !outputs.ContainsKey(p.Id)))
        {
            done.Add(Failed(p.Header, p.Diagnostics, "the C probe program ended before this header's probe finished"));
        }

        return outputs;
    }

    /// <summary>
    /// One compilation for the whole batch; a header whose generated C# has errors or warnings is taken out (with
    /// them as its reasons) and the rest compiled again.
    /// </summary>
    private static Dictionary<int, string> RunCSharpProbes(IReadOnlyList<Pending> ready, ConcurrentBag<HeaderOutcome> done)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<(Pending? Owner, SyntaxTree Tree)>();
        // Each header is generated into its own namespace with its own support types, so every file has an owner.
        foreach (Pending p in ready)
        {
            foreach (EmittedFile file in p.Files)
            {
                trees.Add((p, CSharpSyntaxTree.ParseText(file.Source, parse, path: p.Id + "/" + file.HintName)));
            }

            string probe = CSharpProbeWriter.Write(p.Model, p.Namespace, "Probe", ConformanceRunner.WithoutDescriptor(p.Model, p.Files), p.ProbeClass);
            trees.Add((p, CSharpSyntaxTree.ParseText(probe, parse, path: p.Id + "/probe.cs")));
        }

        var live = ready.ToList();
        while (live.Count > 0)
        {
            var liveSet = live.ToHashSet();
            var compilation = CSharpCompilation.Create(
                "MshvSweep" + Guid.NewGuid().ToString("N"),
                trees.Where(t => t.Owner is null || liveSet.Contains(t.Owner)).Select(t => t.Tree),
                Net100.References.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            if (problems.Count == 0 && result.Success)
            {
                image.Position = 0;
                var context = new AssemblyLoadContext("mshv-sweep", isCollectible: true);
                try
                {
                    Assembly assembly = context.LoadFromStream(image);
                    var outputs = new Dictionary<int, string>();
                    foreach (Pending p in live)
                    {
                        try
                        {
                            outputs[p.Id] = (string)assembly.GetType(p.ProbeClass)!.GetMethod("Run")!.Invoke(null, null)!;
                        }
                        catch (TargetInvocationException error)
                        {
                            done.Add(Failed(p.Header, p.Diagnostics, "the C# probe threw: " + error.InnerException));
                        }
                    }

                    return outputs;
                }
                finally
                {
                    context.Unload();
                }
            }

            var byOwner = problems.GroupBy(d => trees.FirstOrDefault(t => t.Tree == d.Location.SourceTree).Owner).ToList();
            if (byOwner.Any(g => g.Key is null))
            {
                throw new InvalidOperationException("the sweep's C# does not compile outside any header's files:\n" + string.Join("\n", problems.Take(20)));
            }

            foreach (var group in byOwner)
            {
                Pending owner = group.Key!;
                live.Remove(owner);
                done.Add(Failed(owner.Header, owner.Diagnostics, "the generated C# does not compile cleanly without an MSHV diagnostic explaining it:\n  "
                    + string.Join("\n  ", group.Take(10))));
            }
        }

        return new Dictionary<int, string>();
    }

    private static HeaderOutcome Failed(string header, List<string> diagnostics, string reason) =>
        new(header, HeaderVerdict.Failed, null, new[] { reason }.Concat(diagnostics.Where(d => d.Contains(": error ", StringComparison.Ordinal))).ToList(), diagnostics);

    /// <summary>Runs the compiler; null when it succeeds, else its first error line (or every error line with <paramref name="all"/>).</summary>
    private static string? CompilerError(string compiler, IEnumerable<string> arguments, bool all = false)
    {
        var start = new ProcessStartInfo(compiler) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + compiler);
        var stdout = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        if (process.ExitCode == 0)
        {
            return null;
        }

        var lines = FirstError.Matches(errors).Select(m => StripPaths(m.Value)).ToList();
        return lines.Count == 0 ? StripPaths(errors.Trim()) : all ? string.Join("\n  ", lines.Take(10)) : lines[0];
    }

    /// <summary>Error lines name headers include-relative (<c>linux/foo.h:12:3: error: …</c>), never this machine's folders.</summary>
    private static string StripPaths(string text)
    {
        string root = UpstreamHeaders.IncludeRoot + "/";
        text = Regex.Replace(text, Regex.Escape(root) + @"[^/\s]*-linux-gnu[^/\s]*/", string.Empty);
        text = text.Replace(root, string.Empty, StringComparison.Ordinal);
        // Some architectures' asm/ folders are links into the package's usr/lib/linux/uapi/ARCH/asm.
        string package = Path.GetDirectoryName(Path.GetDirectoryName(UpstreamHeaders.IncludeRoot))! + "/";
        text = text.Replace(package, string.Empty, StringComparison.Ordinal);
        return Regex.Replace(text, @"/tmp/[^\s:]*/", string.Empty);
    }
}
