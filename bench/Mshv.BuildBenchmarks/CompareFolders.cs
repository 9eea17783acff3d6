using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mshv.BuildBenchmarks;

/// <summary>
/// Interleaved compiles of generated C# folders against the same app: what each variant costs Roslyn (parse, bind, emit
/// to memory, as csc does for a project without a documentation file), as CPU time of this process, and its ratio to the
/// first variant from the same rounds, so load on the machine hits every variant alike.
/// </summary>
internal static class CompareFolders
{
    private const string App = "internal static class Program { private static void Main() => System.Console.WriteLine(\"hello\"); }";

    public static void Run(int rounds, string[] variants)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None);
        var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable);
        var named = variants.Select(v => v.Split('=', 2)).Select(p => (Name: p[0], Texts: Directory.GetFiles(p[1], "*.cs").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray())).ToList();
        // Every compile is a fresh compilation, the app alone too: a compilation object caches what it bound, so compiling
        // the same one again would make the baseline nearly free and leave Roslyn's per-compilation set-up in every variant.
        CSharpCompilation Fresh(IEnumerable<string> texts) => CSharpCompilation.Create(
            "App", texts.Prepend(App).Select(t => CSharpSyntaxTree.ParseText(t, parse)), Net100.References.All, options);
        var generated = named.ToDictionary(v => v.Name, _ => new List<double>());
        var ratios = named.ToDictionary(v => v.Name, _ => new List<double>());
        // Round 0 warms the JIT and is not counted.
        for (int round = 0; round <= rounds; round++)
        {
            double alone = Cpu(() => Compile(Fresh(Array.Empty<string>())));
            var cost = new Dictionary<string, double>();
            for (int i = 0; i < named.Count; i++)
            {
                (string name, string[] texts) = named[(i + round) % named.Count];
                cost[name] = Cpu(() => Compile(Fresh(texts))) - alone;
            }

            if (round > 0)
            {
                foreach ((string name, _) in named)
                {
                    generated[name].Add(cost[name]);
                    ratios[name].Add(cost[name] / Math.Max(cost[named[0].Name], 1));
                }
            }
        }

        Console.WriteLine("| variant | files | lines | generated code ms (median) | min | ratio to " + named[0].Name + " (median) | rounds |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|");
        foreach ((string name, string[] texts) in named)
        {
            int lines = texts.Sum(t => t.Count(c => c == '\n'));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {texts.Length} | {lines} | {Median(generated[name]):F0} | {generated[name].Min():F0} | {Median(ratios[name]):F2} | {rounds} |"));
        }
    }

    private static void Compile(CSharpCompilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("the generated code does not compile:\n" + string.Join("\n", result.Diagnostics.Take(20)));
        }
    }

    private static double Cpu(Action action)
    {
        GC.Collect();
        TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
        action();
        return (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
