using System;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Scanner;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>
/// Generated files compile without a single warning at the highest warning level (what <c>AnalysisLevel</c> latest and
/// <c>TreatWarningsAsErrors</c> ask of a user's project), on real headers whose tags are lower-case words
/// (<c>struct fsxattr</c>, <c>struct termios</c>: CS8981 material) and whose ioctls use every direction.
/// </summary>
public sealed class WarningFreeTests
{
    [Theory]
    [InlineData("linux/fs.h", "fsxattr")]
    [InlineData("asm-generic/termbits.h", "termios")]
    public void Bindings_of_a_header_with_lower_case_tags_compile_without_warnings_at_the_highest_level(string header, string lowerCaseTag)
    {
        var options = new ScanOptions(new[] { header }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()) { IoctlPrelude = true };
        ScanResult scan = HeaderScanner.Scan(options);
        Assert.NotNull(scan.Model);
        EmitResult emitted = BindingEmitter.Emit(scan.Model!, new EmitOptions("App.Interop", "Header", EmitIoctlSupportTypes: true));
        Assert.DoesNotContain(emitted.Diagnostics, d => d.IsError);

        CSharpCompilation compilation = CSharpCompilation.Create(
            "WarningFree",
            emitted.Files.Select(f => CSharpSyntaxTree.ParseText(f.Source, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose))),
            Net100.References.All,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

        Assert.NotNull(compilation.GetTypeByMetadataName("App.Interop." + lowerCaseTag));
        Diagnostic[] problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Take(20)));
    }
}
