using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Xunit;
using Xunit.Abstractions;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>
/// The seed headers against the RFC 18/18 revision, with every number taken from the C compiler
/// (until the scanner lands, a tiny probe measures just the create-partition ABI; the scanner-based
/// version of this test is AbiDiffSeedRevisionTests.cs.pending).
/// </summary>
public sealed class SeedRevisionByCompilerTests
{
    private readonly ITestOutputHelper _output;

    public SeedRevisionByCompilerTests(ITestOutputHelper output) => _output = output;

    private const string Probe = """
        #include <stdio.h>
        #include <stddef.h>
        #include <linux/ioctl.h>
        #include <linux/mshv.h>

        #define MEMBER(m, rec) printf("field %s %zu %s\n", #m, offsetof(struct mshv_create_partition, m) * 8, rec)

        int main(void)
        {
            printf("size %zu\n", sizeof(struct mshv_create_partition));
            printf("align %zu\n", _Alignof(struct mshv_create_partition));
            printf("record hv_partition_creation_properties %zu %zu\n",
                   sizeof(struct hv_partition_creation_properties), _Alignof(struct hv_partition_creation_properties));
            MEMBER(flags, "-");
            MEMBER(partition_creation_properties, "hv_partition_creation_properties");
        #ifdef HV_PARTITION_SYNTHETIC_PROCESSOR_FEATURES_BANKS
            printf("record hv_partition_synthetic_processor_features %zu %zu\n",
                   sizeof(union hv_partition_synthetic_processor_features), _Alignof(union hv_partition_synthetic_processor_features));
            MEMBER(synthetic_processor_features, "hv_partition_synthetic_processor_features");
        #endif
            printf("ioctl %lu %lu %lu %lu %lu\n", (unsigned long)MSHV_CREATE_PARTITION,
                   (unsigned long)_IOC_DIR(MSHV_CREATE_PARTITION), (unsigned long)_IOC_TYPE(MSHV_CREATE_PARTITION),
                   (unsigned long)_IOC_NR(MSHV_CREATE_PARTITION), (unsigned long)_IOC_SIZE(MSHV_CREATE_PARTITION));
            return 0;
        }
        """;

    [Fact]
    public void Rev18_grows_mshv_create_partition_and_renumbers_MSHV_CREATE_PARTITION()
    {
        AbiModel seed = Measure(RepoPaths.Headers);
        AbiModel rev18 = Measure(RepoPaths.SeedRev18Headers);

        AbiDiffReport report = AbiDiff.Compare(seed, rev18);
        _output.WriteLine(AbiDiffText.Render(report));
        _output.WriteLine(AbiDiffMarkdown.Render(report));

        Assert.True(report.HasBreaking);
        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct mshv_create_partition"),
                (ChangeSeverity.Breaking, AbiChangeKind.IoctlRequestChanged, "ioctl MSHV_CREATE_PARTITION"),
                (ChangeSeverity.Compatible, AbiChangeKind.RecordAdded, "union hv_partition_synthetic_processor_features"),
                (ChangeSeverity.Compatible, AbiChangeKind.FieldAdded, "field mshv_create_partition.synthetic_processor_features"),
            },
            DiffModels.Summary(report));
        AbiIoctl before = seed.Ioctls[0];
        AbiIoctl after = rev18.Ioctls[0];
        Assert.Contains(
            "size " + before.Size + " bytes -> " + after.Size + " bytes (_IOW encodes sizeof(struct mshv_create_partition)",
            DiffModels.Find(report, ChangeSeverity.Breaking, AbiChangeKind.IoctlRequestChanged, "ioctl MSHV_CREATE_PARTITION").Message);
    }

    private static AbiModel Measure(string headers)
    {
        var at = new SourceLocation("linux/mshv.h", 1);
        var records = new List<AbiRecord>();
        var fields = new List<AbiField>();
        long size = 0;
        long align = 0;
        AbiIoctl? ioctl = null;
        foreach (string[] words in CProgram.Run(Probe, headers).Split('\n').Where(l => l.Length > 0).Select(l => l.Split(' ')))
        {
            switch (words[0])
            {
                case "size":
                    size = Long(words[1]);
                    break;
                case "align":
                    align = Long(words[1]);
                    break;
                case "record":
                    string kind = words[1].Contains("features") ? "union" : "struct";
                    records.Add(new AbiRecord(words[1], kind == "union" ? RecordKind.Union : RecordKind.Struct, Long(words[2]), Long(words[3]), false, false, at, EquatableArray<AbiField>.Empty));
                    break;
                case "field":
                    AbiType type = words[3] == "-" ? AbiType.Scalar(AbiPrimitive.U64) : AbiType.OfRecord(words[3]);
                    string cType = words[3] == "-" ? "__u64" : (type.RecordName!.Contains("features") ? "union " : "struct ") + words[3];
                    fields.Add(new AbiField(words[1], Long(words[2]), -1, type, cType, at));
                    break;
                case "ioctl":
                    ioctl = new AbiIoctl(
                        "MSHV_CREATE_PARTITION",
                        ulong.Parse(words[1], CultureInfo.InvariantCulture),
                        Direction(Long(words[2])),
                        (uint)Long(words[3]),
                        (uint)Long(words[4]),
                        (uint)Long(words[5]),
                        "struct mshv_create_partition",
                        AbiType.OfRecord("mshv_create_partition"),
                        at);
                    break;
            }
        }

        records.Add(new AbiRecord("mshv_create_partition", RecordKind.Struct, size, align, false, false, at, fields.ToEquatableArray()));
        return new AbiModel(
            DiffModels.Target,
            new[] { "linux/mshv.h" }.ToEquatableArray(),
            records.ToEquatableArray(),
            EquatableArray<AbiEnum>.Empty,
            EquatableArray<AbiTypedef>.Empty,
            EquatableArray<AbiMacro>.Empty,
            new[] { ioctl ?? throw new InvalidOperationException("the probe printed no ioctl line") }.ToEquatableArray());
    }

    // asm-generic/ioctl.h: _IOC_WRITE = 1, _IOC_READ = 2.
    private static IoctlDirection Direction(long dir) => dir switch
    {
        0 => IoctlDirection.None,
        1 => IoctlDirection.Write,
        2 => IoctlDirection.Read,
        _ => IoctlDirection.ReadWrite,
    };

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}
