using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Mshv.Generator.Emission;
using Mshv.Tests.Generator.Support;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Generator;

/// <summary>
/// The CLI calls <see cref="BindingEmitter"/> without Roslyn (the generator's Roslyn reference is private):
/// emitting, including reporting diagnostics, must never touch a Microsoft.CodeAnalysis type.
/// </summary>
public sealed class EmitterWithoutRoslynTests
{
    [Fact]
    public void Emitter_runs_where_Microsoft_CodeAnalysis_cannot_be_loaded()
    {
        var context = new NoRoslynContext(Path.GetDirectoryName(typeof(BindingEmitter).Assembly.Location)!);
        Assembly generator = context.LoadFromAssemblyPath(typeof(BindingEmitter).Assembly.Location);
        Type emitter = generator.GetType(typeof(BindingEmitter).FullName!, throwOnError: true)!;
        Type options = generator.GetType("Mshv.Generator.Models.EmitOptions", throwOnError: true)!;

        // A model with a missing record, so the diagnostic path runs too.
        string text = File.ReadAllText(RepoPaths.SeedModel).Replace(
            "\nend\n", "\nstruct holder size=8 align=8 at=x.h:1\n  field inner bit=0 type=record:missing c=\"struct missing\" at=x.h:2\n\nend\n");
        object result = emitter.GetMethod(nameof(BindingEmitter.EmitText))!.Invoke(null, new[] { text, "mshv.abi", Activator.CreateInstance(options, "Mshv.Interop", "Mshv", true)! })!;
        var diagnostics = (System.Collections.IEnumerable)result.GetType().GetProperty("Diagnostics")!.GetValue(result)!;
        string[] described = diagnostics.Cast<object>().Select(d => d.ToString()!).ToArray();

        Assert.Contains(described, d => d.Contains("error MSHV0003"));
        Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    private sealed class NoRoslynContext(string directory) : AssemblyLoadContext("no-roslyn", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            {
                throw new FileNotFoundException("Roslyn is not available to the CLI: " + name);
            }

            string path = Path.Combine(directory, name.Name + ".dll");
            return name.Name.StartsWith("Mshv.", StringComparison.Ordinal) && File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
