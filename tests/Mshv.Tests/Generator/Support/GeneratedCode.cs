using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Mshv.Abi;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;

namespace Mshv.Tests.Generator.Support;

/// <summary>Emits a model, compiles the result with Roslyn against .NET 10 reference assemblies, and loads it.</summary>
internal static class GeneratedCode
{
    public const string Namespace = "Test.Interop";

    public static EmitResult Emit(string modelText, string prefix = "Test") =>
        BindingEmitter.EmitText(modelText, "test.abi", new EmitOptions(Namespace, prefix, EmitIoctlSupportTypes: true));

    public static CSharpCompilation Compile(IEnumerable<string> sources) => CSharpCompilation.Create(
        "Mshv.Generated.Test" + Guid.NewGuid().ToString("N"),
        sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
        Net100.References.All,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Every error and warning of a compilation, formatted for an assertion message.</summary>
    public static IReadOnlyList<string> Problems(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();

    /// <summary>Compiles and loads into a collectible context; throws with the diagnostics when it does not compile.</summary>
    public static Assembly Load(IEnumerable<string> sources)
    {
        CSharpCompilation compilation = Compile(sources);
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("generated code does not compile:\n" + string.Join("\n", result.Diagnostics));
        }

        image.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(image);
    }
}
