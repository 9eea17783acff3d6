using System;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Scanner;
using Mshv.Tests.Generator.Support;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>
/// Issue 9, findings 4 to 6 on the scanner's side: what gcc accepts is bound (or said to be impossible) at its line,
/// never dropped with exit 0. Sizes come from gcc.
/// </summary>
public sealed class HostileHeaderTests
{
    [Fact]
    public void Non_ASCII_and_dollar_identifiers_are_bound_and_compile()
    {
        using var temp = new TempHeaders();
        const string Header = "struct café { int $d; unsigned char été[3]; };\n";
        string path = temp.Write("names.h", Header);

        AbiModel model = Scan(path);

        AbiRecord cafe = Assert.Single(model.Records, r => r.Name == "café");
        Assert.Equal(new[] { "$d", "été" }, cafe.Fields.Select(f => f.Name));
        Assert.Equal(long.Parse(CCompiler.CompileAndRun("#include \"" + path + "\"\n#include <stdio.h>\nint main(void) { printf(\"%zu\", sizeof(struct café)); return 0; }", Array.Empty<string>()).Trim()), cafe.Size);
        EmitResult emitted = BindingEmitter.Emit(AbiModelReader.Read(AbiModelWriter.Write(model), "names.abi"), new EmitOptions("Test.Interop", "Names", true));
        Assert.DoesNotContain(emitted.Diagnostics, d => d.IsError);
        var problems = GeneratedCode.Problems(GeneratedCode.Compile(emitted.Files.Select(f => f.Source)));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Header_path_with_a_space_scans_into_a_model_its_reader_accepts()
    {
        using var temp = new TempHeaders();
        string folder = Path.Combine(temp.Directory, "my headers");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "spaced.h");
        File.WriteAllText(path, "struct spaced { int a; };\nenum { SPACED_ONE = 1 };\n");

        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, new[] { temp.Directory }, Array.Empty<string>(), Array.Empty<string>()));
        string text = AbiModelWriter.Write(result.Model!);
        AbiModel reread = AbiModelReader.Read(text, "spaced.abi");

        Assert.Equal("my headers/spaced.h", reread.Headers.Single());
        Assert.Equal("my headers/spaced.h", reread.Records.Single().Location.File);
        Assert.Equal(result.Model, reread);
    }

    private static AbiModel Scan(string header)
    {
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { header }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }
}
