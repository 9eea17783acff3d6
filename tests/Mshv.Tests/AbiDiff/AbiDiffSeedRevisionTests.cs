using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Mshv.Scanner;
using Xunit;
using Xunit.Abstractions;
using Mshv.Tests.Infrastructure;

using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>
/// End to end: scan the seed headers and the RFC 18/18 revision (Fixtures/seed-rev18) with the real
/// scanner and diff the models. The expected facts are the patch's: the struct grew and, because
/// <c>_IOW</c> encodes <c>sizeof</c>, the request was renumbered. The numbers themselves come from
/// the scans and are checked against <c>cc</c>.
/// </summary>
public sealed class AbiDiffSeedRevisionTests
{
    private static readonly string[] SeedHeaderNames = { "linux/mshv.h", "asm/hyperv-tlfs.h", "asm-generic/hyperv-tlfs.h" };

    // linux/mshv.h uses _IOW without including the header that defines it (see headers/README.md).
    private static readonly string[] Prelude = { "linux/ioctl.h" };

    private readonly ITestOutputHelper _output;

    public AbiDiffSeedRevisionTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Rev18_grows_mshv_create_partition_and_renumbers_MSHV_CREATE_PARTITION_both_breaking()
    {
        AbiModel seed = Scan(RepoPaths.Headers);
        AbiModel rev18 = Scan(RepoPaths.SeedRev18Headers);

        AbiDiffReport report = AbiDiff.Compare(seed, rev18);
        _output.WriteLine(AbiDiffText.Render(report));

        Assert.Equal(
            new[]
            {
                (AbiChangeKind.RecordSizeChanged, "struct mshv_create_partition"),
                (AbiChangeKind.IoctlRequestChanged, "ioctl MSHV_CREATE_PARTITION"),
            },
            report.Breaking.Select(c => (c.Kind, c.Subject)).ToArray());
        IReadOnlyList<(string, string)> compatible = report.Compatible.Select(c => (c.Kind, c.Subject)).ToList();
        Assert.Contains((AbiChangeKind.RecordAdded, "union hv_partition_synthetic_processor_features"), compatible);
        Assert.Contains((AbiChangeKind.FieldAdded, "field mshv_create_partition.synthetic_processor_features"), compatible);
        Assert.Contains((AbiChangeKind.MacroAdded, "macro HV_PARTITION_SYNTHETIC_PROCESSOR_FEATURES_BANKS"), compatible);
    }

    [Fact]
    public void The_renumbering_message_carries_the_sizes_the_compiler_computed()
    {
        AbiModel seed = Scan(RepoPaths.Headers);
        AbiModel rev18 = Scan(RepoPaths.SeedRev18Headers);
        (ulong seedRequest, uint seedSize) = CompilerSays(RepoPaths.Headers);
        (ulong rev18Request, uint rev18Size) = CompilerSays(RepoPaths.SeedRev18Headers);

        AbiChange change = Find(AbiDiff.Compare(seed, rev18), ChangeSeverity.Breaking, AbiChangeKind.IoctlRequestChanged, "ioctl MSHV_CREATE_PARTITION");

        Assert.Contains("request 0x" + seedRequest.ToString("x") + " -> 0x" + rev18Request.ToString("x"), change.Message);
        Assert.Contains("size " + seedSize + " bytes -> " + rev18Size + " bytes", change.Message);
        Assert.Equal("linux/mshv.h", change.NewLocation?.File);
    }

    [Fact]
    public void Scanning_the_same_headers_twice_gives_no_changes()
    {
        Assert.Empty(AbiDiff.Compare(Scan(RepoPaths.Headers), Scan(RepoPaths.Headers)).Changes);
    }

    private static AbiModel Scan(string headersDirectory)
    {
        ScanResult result = HeaderScanner.Scan(new ScanOptions(SeedHeaderNames, new[] { headersDirectory }, new string[0], Prelude));
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private static (ulong Request, uint Size) CompilerSays(string headersDirectory)
    {
        const string probe = """
            #include <stdio.h>
            #include <linux/ioctl.h>
            #include <linux/mshv.h>
            int main(void)
            {
                printf("%lu %lu\n", (unsigned long)MSHV_CREATE_PARTITION, (unsigned long)_IOC_SIZE(MSHV_CREATE_PARTITION));
                return 0;
            }
            """;
        string[] words = CProgram.Run(probe, headersDirectory).Trim().Split(' ');
        return (ulong.Parse(words[0], System.Globalization.CultureInfo.InvariantCulture), uint.Parse(words[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
