using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Mshv.Abi;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Generator.Support;

/// <summary>Emits a model, compiles the result with Roslyn against .NET 10 reference assemblies, and loads it.</summary>
internal static class GeneratedCode
{
    public const string Namespace = "Test.Interop";

    public static EmitResult Emit(string modelText, string prefix = "Test") =>
        BindingEmitter.EmitText(modelText, "test.abi", new EmitOptions(Namespace, prefix, EmitIoctlSupportTypes: true));

    public static CSharpCompilation Compile(IEnumerable<string> sources) => InMemoryCompilation.Create(sources);

    /// <summary>Every error and warning of a compilation, formatted for an assertion message.</summary>
    public static IReadOnlyList<string> Problems(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();

    /// <summary>Compiles and loads into a collectible context; throws with the diagnostics when it does not compile cleanly.</summary>
    public static Assembly Load(IEnumerable<string> sources) => InMemoryCompilation.Load(Compile(sources));
}
