using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Mshv.BuildBenchmarks;
using Mshv.Generator;

// Usage: Mshv.BuildBenchmarks ROUNDS MODEL.abi...
// Per model, ROUNDS interleaved rounds of: the generator alone (a fresh driver on a one-file compilation), and the
// compile of the app with and without the generated files (parse + bind + emit to memory, as csc does). Times are
// this process's CPU time (all threads), so other load on the machine inflates them little. Prints one line per model:
// 'generated code' is the compile with the generated files minus without them, as csc compiles a project that writes
// no documentation file (doc comments are then plain comments); 'with XML docs' the same for a project that writes one.
// 'bindings assembly' is the one-off compile of the generated files alone into a library with its XML documentation
// (what MshvBindingsCompile=Assembly does when the model changes); 'referenced' is the app's compile referencing that
// library minus the app alone (what every build of such a project pays for the bindings).
// Usage: Mshv.BuildBenchmarks compare ROUNDS NAME=FOLDER...
// The compile of generated C# already on disk (mshv generate --out FOLDER), several variants interleaved per round (the
// order rotating): before/after an emitter change, or one shape taken out. Prints per variant the median of the
// per-round 'generated code' ms (compile with the folder's files minus the app alone) and its ratio to the first variant.
if (args.Length > 0 && args[0] == "compare")
{
    CompareFolders.Run(int.Parse(args[1], CultureInfo.InvariantCulture), args.Skip(2).ToArray());
    return;
}

int rounds = args.Length > 1 ? int.Parse(args[0], CultureInfo.InvariantCulture) : throw new ArgumentException("usage: ROUNDS MODEL.abi...");
// As csc parses: doc comments are plain comments unless the project writes a documentation file (then: Diagnose).
var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None);
var parseDocs = parse.WithDocumentationMode(DocumentationMode.Diagnose);
var compileOptions = new CSharpCompilationOptions(OutputKind.ConsoleApplication, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable);
const string App = "internal static class Program { private static void Main() => System.Console.WriteLine(\"hello\"); }";

var libraryOptions = compileOptions.WithOutputKind(OutputKind.DynamicallyLinkedLibrary);
Console.WriteLine("| model | files | lines | generator ms | compile with ms | compile without ms | generated code ms | with XML docs ms | bindings assembly ms | referenced ms |");
Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
foreach (string path in args.Skip(1))
{
    var model = new InMemoryModel(Path.GetFileName(path), File.ReadAllText(path));
    SyntaxTree[] generated = Array.Empty<SyntaxTree>();
    var generator = new List<double>();
    var with = new List<double>();
    var without = new List<double>();
    var withDocs = new List<double>();
    var withoutDocs = new List<double>();
    var library = new List<double>();
    var referenced = new List<double>();
    var alone = new List<double>();
    // Round 0 warms the JIT and is not counted.
    for (int round = 0; round <= rounds; round++)
    {
        CSharpCompilation app = CSharpCompilation.Create("App", new[] { CSharpSyntaxTree.ParseText(App, parse) }, Net100.References.All, compileOptions);
        double g = Cpu(() =>
        {
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new MshvGenerator().AsSourceGenerator() }, new[] { model }, parse, new NoProperties());
            generated = driver.RunGenerators(app).GetRunResult().GeneratedTrees.ToArray();
        });
        // Re-parse the generated text in the timed region: csc parses generator output too.
        string[] texts = generated.Select(t => t.GetText().ToString()).ToArray();
        double w = Cpu(() => Compile(app.AddSyntaxTrees(texts.Select(t => CSharpSyntaxTree.ParseText(t, parse)))));
        // A fresh compilation: the generator run above already bound part of 'app', which would make it nearly free.
        double wo = Cpu(() => Compile(app.RemoveAllSyntaxTrees().AddSyntaxTrees(CSharpSyntaxTree.ParseText(App, parse))));
        CSharpCompilation appDocs = app.RemoveAllSyntaxTrees().AddSyntaxTrees(CSharpSyntaxTree.ParseText(App, parseDocs));
        double wd = Cpu(() => Compile(appDocs.AddSyntaxTrees(texts.Select(t => CSharpSyntaxTree.ParseText(t, parseDocs)))));
        double wod = Cpu(() => Compile(appDocs));
        byte[] image = Array.Empty<byte>();
        double lib = Cpu(() => image = Compile(
            CSharpCompilation.Create("App.Mshv.Interop", texts.Select(t => CSharpSyntaxTree.ParseText(t, parseDocs)), Net100.References.All, libraryOptions), documentation: true));
        // A fresh reference each round: csc reads the referenced assembly's metadata in every build.
        double r = Cpu(() => Compile(CSharpCompilation.Create("App", new[] { CSharpSyntaxTree.ParseText(App, parse) },
            Net100.References.All.Append(MetadataReference.CreateFromImage(image)), compileOptions)));
        double a = Cpu(() => Compile(CSharpCompilation.Create("App", new[] { CSharpSyntaxTree.ParseText(App, parse) }, Net100.References.All, compileOptions)));
        if (round > 0)
        {
            generator.Add(g);
            with.Add(w);
            without.Add(wo);
            withDocs.Add(wd);
            withoutDocs.Add(wod);
            library.Add(lib);
            referenced.Add(r);
            alone.Add(a);
        }
    }

    int lines = generated.Sum(t => t.GetText().Lines.Count);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {Path.GetFileName(path)} | {generated.Length} | {lines} | {Median(generator):F0} | {Median(with):F0} | {Median(without):F0} | {Median(with.Zip(without, (a, b) => a - b).ToList()):F0} | {Median(withDocs.Zip(withoutDocs, (a, b) => a - b).ToList()):F0} | {Median(library):F0} | {Median(referenced.Zip(alone, (a, b) => a - b).ToList()):F0} |"));
}

static byte[] Compile(CSharpCompilation compilation, bool documentation = false)
{
    using var image = new MemoryStream();
    using var xml = documentation ? new MemoryStream() : null;
    var result = compilation.Emit(image, xmlDocumentationStream: xml);
    if (!result.Success)
    {
        throw new InvalidOperationException("the generated code does not compile:\n" + string.Join("\n", result.Diagnostics.Take(20)));
    }

    return image.ToArray();
}

static double Cpu(Action action)
{
    GC.Collect();
    TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
    action();
    return (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
