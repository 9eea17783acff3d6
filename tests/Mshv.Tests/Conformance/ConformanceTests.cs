using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Mshv.Tests.Conformance;

/// <summary>
/// The main proof: for every record, member, macro and ioctl of a header set, the C compiler and the
/// generated C# agree on every number. Counts are printed so a run that compared nothing is visible,
/// and each test requires a non-trivial count so it cannot pass vacuously.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Seed_headers_generated_layout_matches_the_C_compiler()
    {
        var options = new ScanOptions(
            new[] { "linux/mshv.h", "asm/hyperv-tlfs.h", "asm-generic/hyperv-tlfs.h" }.Select(h => Path.Combine(RepoPaths.Headers, h)).ToList(),
            new[] { RepoPaths.Headers },
            System.Array.Empty<string>(),
            new[] { "linux/ioctl.h" });

        ConformanceReport report = ConformanceRunner.Run(options, new[] { "linux/mshv.h", "asm/hyperv-tlfs.h", "asm-generic/hyperv-tlfs.h" });

        output.WriteLine(report.Summary);
        Assert.True(report.Mismatches.Count == 0, report.Describe());
        // Every one of the 128 processor feature bits is covered by a compared bitfield: the bit counts C measured
        // for the union's bitfields add up to the union's size as C measured it.
        long unionBits = 8 * Value(report.MeasuredByC["record hv_partition_processor_features"], "size");
        long bitfieldBits = report.MeasuredByC
            .Where(m => m.Key.StartsWith("member hv_partition_processor_features ", StringComparison.Ordinal) && !m.Key.EndsWith(" as_uint64", StringComparison.Ordinal))
            .Sum(m => Value(m.Value, "count"));
        Assert.Equal(unionBits, bitfieldBits);
        Assert.True(report.Ioctls >= 2 && report.Macros >= 8, report.Summary);
    }

    private static long Value(string measured, string key) =>
        long.Parse(measured.Split(' ').Single(word => word.StartsWith(key + "=", StringComparison.Ordinal)).Substring(key.Length + 1), CultureInfo.InvariantCulture);

    [Fact]
    public void Kvm_header_generated_layout_matches_the_C_compiler()
    {
        var options = new ScanOptions(
            new[] { SystemHeaders.Locate("linux/kvm.h"), SystemHeaders.Locate("asm/kvm.h") },
            System.Array.Empty<string>(),
            System.Array.Empty<string>(),
            System.Array.Empty<string>());

        ConformanceReport report = ConformanceRunner.Run(options, new[] { "linux/kvm.h", "asm/kvm.h" });

        output.WriteLine(report.Summary);
        Assert.True(report.Mismatches.Count == 0, report.Describe());
        Assert.True(report.Records >= 100 && report.Ioctls >= 100, "kvm.h has well over a hundred records and ioctls: " + report.Summary);
        // Exactly these are declined, each with a diagnostic: a generator that declined more would pass the comparison.
        Assert.Empty(report.DeclinedIoctls);
    }

    /// <summary>
    /// Headers nobody tuned the pipeline for: other ioctl-heavy uapi headers of the distribution, each scanned,
    /// generated and measured exactly like kvm.h.
    /// </summary>
    [Theory]
    [InlineData("linux/vfio.h")]
    [InlineData("linux/perf_event.h")]
    [InlineData("linux/input.h")]
    [InlineData("linux/btrfs.h")]
    [InlineData("linux/usbdevice_fs.h")]
    [InlineData("linux/userfaultfd.h")]
    [InlineData("linux/fs.h")]
    [InlineData("linux/if_tun.h")]
    [InlineData("linux/nbd.h")]
    [InlineData("linux/media.h")]
    [InlineData("linux/videodev2.h")]
    [InlineData("linux/io_uring.h")]
    public void Other_uapi_headers_generated_layout_matches_the_C_compiler(string header)
    {
        // Some of them (if_tun.h, nbd.h) use _IOW without including <linux/ioctl.h>, like the seed: include it first.
        var options = new ScanOptions(new[] { SystemHeaders.Locate(header) }, Array.Empty<string>(), Array.Empty<string>(), new[] { "linux/ioctl.h" });

        ConformanceReport report = ConformanceRunner.Run(options, new[] { header });

        output.WriteLine(header + ": " + report.Summary);
        Assert.True(report.Mismatches.Count == 0, report.Describe());
        Assert.True(report.Records + report.Macros > 0, report.Summary);
        // None declined with a diagnostic: every request C measures is compared (a generator declining more would pass otherwise).
        Assert.Empty(report.DeclinedIoctls);
    }
}
