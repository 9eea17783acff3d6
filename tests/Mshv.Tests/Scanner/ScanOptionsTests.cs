using System;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Scanner;

public sealed class ScanOptionsTests
{
    private const string UsesStddef = "#include <stddef.h>\nstruct sized { size_t length; ptrdiff_t delta; };\n";

    [Fact]
    public void Builtin_headers_missing_from_the_libclang_package_come_from_gcc()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("sized.h", UsesStddef);
        AbiModel model = SeedModelTests.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
        AbiRecord sized = model.Records.Single(r => r.Name == "sized");
        Assert.Equal(new[] { "size_t", "ptrdiff_t" }, sized.Fields.Select(f => f.CType).ToArray());
        Assert.Equal(CCompiler.CompileAndRun("#include <stdio.h>\n#include <stddef.h>\nint main(void) { printf(\"%zu\", sizeof(size_t)); return 0; }\n", Array.Empty<string>()),
            AbiPrimitive.SizeOf(sized.Fields[0].Type.Primitive).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Without_builtin_headers_stddef_is_a_located_clang_error()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("sized.h", UsesStddef);
        var options = new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()) { BuiltinIncludeDirectory = string.Empty };
        ScanResult result = HeaderScanner.Scan(options);
        Assert.Null(result.Model);
        ScanDiagnostic error = Assert.Single(result.Diagnostics, d => d.Message.Contains("stddef.h", StringComparison.Ordinal));
        Assert.Equal((ScanDiagnosticIds.ClangError, path, 1), (error.Id, error.File, error.Line));
    }

    [Fact]
    public void Defines_reach_the_headers()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("defined.h", "struct tuned {\n#ifdef TUNED_EXTRA\n\tint extra;\n#endif\n\tint base;\n};\n#define TUNED_WIDTH (TUNED_BASE * 2)\n");
        var options = new ScanOptions(new[] { path }, Array.Empty<string>(), new[] { "TUNED_EXTRA", "TUNED_BASE=21" }, Array.Empty<string>());
        AbiModel model = SeedModelTests.Scan(options);
        Assert.Equal(new[] { "extra", "base" }, model.Records.Single(r => r.Name == "tuned").Fields.Select(f => f.Name).ToArray());
        Assert.Equal("42", model.Macros.Single(m => m.Name == "TUNED_WIDTH").Value);
    }
}
