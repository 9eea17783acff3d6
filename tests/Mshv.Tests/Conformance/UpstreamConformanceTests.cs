using System;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Mshv.Tests.Conformance;

/// <summary>
/// The upstream <c>linux/mshv.h</c> (Linux 6.15+, from Debian's linux-libc-dev in trixie-backports, fetched into a cache):
/// every record, member, macro and ioctl the C compiler and the generated C# measure must agree, with the fetched
/// tree first on both include paths so the system's older kernel headers are never read instead.
/// </summary>
public sealed class UpstreamConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Upstream_mshv_header_generated_layout_matches_the_C_compiler()
    {
        ScanOptions options = UpstreamScan.Options();

        ConformanceReport report = ConformanceRunner.Run(options, new[] { "linux/mshv.h" });

        output.WriteLine("linux/mshv.h (linux-libc-dev " + UpstreamHeaders.Version + "): " + report.Summary);
        Assert.True(report.Mismatches.Count == 0, report.Describe());
        // Every struct tag and integer macro the compiler sees is compared (coverage is checked by the runner); the
        // root API's requests are all among the ioctls, so a scan that lost them cannot pass.
        Assert.True(report.Records == report.TagsTheCompilerDefines && report.Records > 0, report.Summary);
        Assert.True(report.Ioctls >= 12, report.Summary);
    }

    [Fact]
    public void Distribution_header_packs_create_partition_v2_as_gcc_does()
    {
        // The installed header spells the kernel's __packed as __attribute__((packed)): no diagnostic, a packed record.
        ScanResult scan = HeaderScanner.Scan(UpstreamScan.Options());

        Assert.DoesNotContain(scan.Diagnostics, d => d.Id == ScanDiagnosticIds.KernelPackedUndefined);
        AbiRecord v2 = scan.Model!.Records.Single(r => r.Name == "mshv_create_partition_v2");
        Assert.True(v2.IsPacked);
        string gcc = CCompiler.CompileAndRun(
            "#include <stdio.h>\n#include <linux/mshv.h>\nint main(void){printf(\"%zu %zu\", sizeof(struct mshv_create_partition_v2), "
            + "_Alignof(struct mshv_create_partition_v2));}\n",
            UpstreamHeaders.CompilerArguments().Concat(new[] { "-include", "linux/ioctl.h" }));
        Assert.Equal(gcc, v2.Size + " " + v2.Alignment);
    }
}

/// <summary>The scan of the upstream header exactly as <c>headers/upstream/mshv.scan</c> describes it.</summary>
internal static class UpstreamScan
{
    public static ScanOptions Options() => new(
        new[] { Path.Combine(UpstreamHeaders.IncludeRoot, "linux", "mshv.h") },
        new[] { UpstreamHeaders.IncludeRoot, UpstreamHeaders.AsmRoot("x86_64-linux-gnu") },
        Array.Empty<string>(),
        new[] { "linux/ioctl.h" });
}
