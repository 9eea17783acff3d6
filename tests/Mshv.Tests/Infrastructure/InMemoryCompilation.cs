using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mshv.Tests.Infrastructure;

/// <summary>Compiles C# sources against net10.0 into a collectible context, failing with every diagnostic.</summary>
internal static class InMemoryCompilation
{
    public static CSharpCompilation Create(IEnumerable<string> sources, IEnumerable<MetadataReference>? extraReferences = null) =>
        CSharpCompilation.Create(
            "MshvProbe" + Guid.NewGuid().ToString("N"),
            sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
            Net100.References.All.Concat(extraReferences ?? Enumerable.Empty<MetadataReference>()),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// The compile errors of a consumer's <paramref name="source"/> against net10.0 and the assemblies that define
    /// <paramref name="referencedTypes"/>, with the compiler's default options (no unsafe code), as a user's project
    /// compiles it: what "does not compile" tests assert on.
    /// </summary>
    public static string[] Errors(string source, params Type[] referencedTypes) =>
        CSharpCompilation.Create(
                "Consumer",
                [CSharpSyntaxTree.ParseText(source)],
                [.. Net100.References.All, .. referencedTypes.Select(type => MetadataReference.CreateFromFile(type.Assembly.Location))],
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic => diagnostic.ToString())
            .ToArray();

    public static Assembly Load(CSharpCompilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!result.Success || problems.Count > 0)
        {
            throw new InvalidOperationException("generated C# does not compile cleanly:\n" + string.Join("\n", problems.Take(50)));
        }

        image.Position = 0;
        return new AssemblyLoadContext("mshv-probe", isCollectible: true).LoadFromStream(image);
    }
}
