using System;
using System.Globalization;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>
/// <c>} __packed;</c> in a raw kernel-tree header: user space has no <c>__packed</c> macro, so a C compiler declares a
/// variable of that name and keeps the record unpacked. The scanner must say so instead of binding that layout.
/// </summary>
public sealed class KernelPackedTests
{
    // The shape of upstream's mshv_create_partition_v2 in the kernel tree (before headers_install rewrites __packed).
    private const string RawKernelHeader =
        "#include <linux/types.h>\n\nstruct raw_v2 {\n\t__u64 flags;\n\t__u16 banks;\n\t__u8 rsvd[6];\n\t__u64 more;\n\t__u16 tail;\n} __packed;\n";

    [Fact]
    public void Raw_kernel_packed_is_an_error_at_its_line_that_explains_the_userspace_reading_and_the_define()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("raw.h", RawKernelHeader);

        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));

        Assert.Null(result.Model);
        ScanDiagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(ScanDiagnosticIds.KernelPackedUndefined, diagnostic.Id);
        Assert.Equal(ScanSeverity.Error, diagnostic.Severity);
        Assert.Equal(path, diagnostic.File);
        Assert.Equal(9, diagnostic.Line);
        Assert.Contains("struct raw_v2", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("variable named __packed", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("-D__packed=__attribute__((packed))", diagnostic.Message, StringComparison.Ordinal);
        // The layout it names is the unpacked one gcc computes for the raw header.
        string unpacked = CCompiler.CompileAndRun(
            "#include <stdio.h>\n#include \"" + path + "\"\nint main(void){printf(\"size %zu, alignment %zu\", sizeof(struct raw_v2), _Alignof(struct raw_v2));}\n",
            Array.Empty<string>());
        Assert.Contains("unpacked (" + unpacked + ")", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defining_packed_as_the_kernel_does_gives_gccs_packed_layout()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("raw.h", RawKernelHeader);
        const string Define = "__packed=__attribute__((packed))";

        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), new[] { Define }, Array.Empty<string>()));

        Assert.Empty(result.Diagnostics);
        AbiRecord record = result.Model!.Records.Single(r => r.Name == "raw_v2");
        Assert.True(record.IsPacked);
        string[] gcc = CCompiler.CompileAndRun(
            "#include <stdio.h>\n#include \"" + path + "\"\nint main(void){printf(\"%zu %zu\", sizeof(struct raw_v2), _Alignof(struct raw_v2));}\n",
            new[] { "-D" + Define }).Split(' ');
        Assert.Equal(long.Parse(gcc[0], CultureInfo.InvariantCulture), record.Size);
        Assert.Equal(long.Parse(gcc[1], CultureInfo.InvariantCulture), record.Alignment);
    }
}
