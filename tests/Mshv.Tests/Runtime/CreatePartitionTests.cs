using System;
using System.Collections.Generic;
using System.Linq;
using Mshv.Interop.Rfc;
using Mshv.Runtime;
using Mshv.Tests.Runtime.Infrastructure;
using Xunit;

namespace Mshv.Tests.Runtime;

[Collection(DriverDoubleCollection.Name)]
public sealed class CreatePartitionTests
{
    public static TheoryData<PartitionCreationFlags, string> FlagMacros => new()
    {
        { PartitionCreationFlags.SmtEnabledGuest, "HV_PARTITION_CREATION_FLAG_SMT_ENABLED_GUEST" },
        { PartitionCreationFlags.GpaLargePagesDisabled, "HV_PARTITION_CREATION_FLAG_GPA_LARGE_PAGES_DISABLED" },
        { PartitionCreationFlags.GpaSuperPagesEnabled, "HV_PARTITION_CREATION_FLAG_GPA_SUPER_PAGES_ENABLED" },
        { PartitionCreationFlags.LapicEnabled, "HV_PARTITION_CREATION_FLAG_LAPIC_ENABLED" },
    };

    [Theory]
    [MemberData(nameof(FlagMacros))]
    public void Each_creation_flag_reaches_the_driver_as_the_headers_macro(PartitionCreationFlags flag, string macro)
    {
        Create(flag, default);

        Assert.Equal(MshvDouble.FlagValue(macro), MshvDouble.LastFlags);
    }

    [Fact]
    public void Combined_flags_reach_the_driver_as_the_or_of_the_macros()
    {
        Create(PartitionCreationFlags.LapicEnabled | PartitionCreationFlags.SmtEnabledGuest, default);

        Assert.Equal(
            MshvDouble.FlagValue("HV_PARTITION_CREATION_FLAG_LAPIC_ENABLED") | MshvDouble.FlagValue("HV_PARTITION_CREATION_FLAG_SMT_ENABLED_GUEST"),
            MshvDouble.LastFlags);
    }

    [Fact]
    public void The_bindings_expose_every_bitfield_C_has_and_together_they_cover_every_bit()
    {
        foreach (int which in new[] { MshvDouble.ProcessorFeatures, MshvDouble.XsaveFeatures })
        {
            int[] bits = Enumerable.Range(0, MshvDouble.FieldCount(which)).SelectMany(index => MshvDouble.FieldBits(which, index)).ToArray();

            // The members are listed from C# reflection; the union's bits are counted by C. A bitfield that C has and
            // C# lacks leaves bits uncovered; overlapping names would repeat bits.
            Assert.Equal(Enumerable.Range(0, MshvDouble.RecordSize(which) * 8), bits.Order());
        }
    }

    [Fact]
    public void Each_processor_feature_bit_set_by_name_is_exactly_the_bit_C_decodes() =>
        AssertEachBitByName(MshvDouble.ProcessorFeatures, typeof(hv_partition_processor_features), value =>
        {
            hv_partition_creation_properties properties = default;
            properties.disabled_processor_features = (hv_partition_processor_features)value;
            return properties;
        }, () => default(hv_partition_processor_features));

    [Fact]
    public void Each_xsave_feature_bit_set_by_name_is_exactly_the_bit_C_decodes() =>
        AssertEachBitByName(MshvDouble.XsaveFeatures, typeof(hv_partition_processor_xsave_features), value =>
        {
            hv_partition_creation_properties properties = default;
            properties.disabled_processor_xsave_features = (hv_partition_processor_xsave_features)value;
            return properties;
        }, () => default(hv_partition_processor_xsave_features));

    [Fact]
    public void Named_properties_set_together_are_decoded_by_C_with_the_same_names()
    {
        hv_partition_creation_properties properties = default;
        properties.disabled_processor_features.sse3_support = 1;
        properties.disabled_processor_features.tsx_ctrl_support = 1;
        properties.disabled_processor_features.fsrep_cmpsb = 1;
        properties.disabled_processor_xsave_features.avx_support = 1;

        Create(PartitionCreationFlags.None, properties);

        IReadOnlyList<string> features = MshvDouble.BitfieldProperties(typeof(hv_partition_processor_features));
        string[] decoded = features.Where((_, index) => MshvDouble.LastFieldValue(MshvDouble.ProcessorFeatures, index) != 0).ToArray();
        Assert.Equal(["sse3_support", "tsx_ctrl_support", "fsrep_cmpsb"], decoded);
        Assert.Equal(1UL, MshvDouble.LastFieldValue(MshvDouble.XsaveFeatures, IndexOf(typeof(hv_partition_processor_xsave_features), "avx_support")));
    }

    [Fact]
    public void The_raw_generated_request_struct_can_be_sent_as_is()
    {
        mshv_create_partition request = default;
        request.flags = MshvConstants.HV_PARTITION_CREATION_FLAG_GPA_SUPER_PAGES_ENABLED;
        request.partition_creation_properties.disabled_processor_features.la57_support = 1;
        using MshvDevice device = Negotiated();

        using MshvPartition partition = device.CreatePartition(in request);

        Assert.Equal(MshvDouble.FlagValue("HV_PARTITION_CREATION_FLAG_GPA_SUPER_PAGES_ENABLED"), MshvDouble.LastFlags);
        Assert.Equal(
            MshvDouble.FieldBits(MshvDouble.ProcessorFeatures, IndexOf(typeof(hv_partition_processor_features), "la57_support")),
            MshvDouble.LastSetBits(MshvDouble.ProcessorFeatures));
    }

    [Fact]
    public void Partition_descriptor_is_owned_and_released_by_dispose()
    {
        using MshvDevice device = Negotiated();
        MshvPartition partition = device.CreatePartition();
        int fd = partition.Handle.FileDescriptor;
        Assert.Equal(2, MshvDouble.KindOf(fd));
        Assert.Equal(1, MshvDouble.PartitionCount);

        partition.Dispose();

        Assert.Equal(0, MshvDouble.KindOf(fd));
        Assert.Equal(0, MshvDouble.PartitionCount);
        Assert.True(partition.Handle.IsClosed);
    }

    private static void AssertEachBitByName(int which, Type record, Func<object, hv_partition_creation_properties> place, Func<object> zero)
    {
        IReadOnlyList<string> names = MshvDouble.BitfieldProperties(record);
        Assert.Equal(MshvDouble.FieldCount(which), names.Count);
        List<int> seen = [];
        for (int index = 0; index < names.Count; index++)
        {
            Assert.Equal(names[index], MshvDouble.FieldName(which, index));
            int[] fieldBits = MshvDouble.FieldBits(which, index);
            for (int bit = 0; bit < fieldBits.Length; bit++)
            {
                // Set one bit of the member through its C# property, by name, and let C say which bit it received.
                object value = zero();
                record.GetProperty(names[index])!.SetValue(value, 1UL << bit);
                Create(PartitionCreationFlags.None, place(value));

                int[] decoded = MshvDouble.LastSetBits(which);
                Assert.True(decoded.SequenceEqual([fieldBits[bit]]), $"{names[index]} bit {bit}: C decoded bits [{string.Join(", ", decoded)}], expected [{fieldBits[bit]}]");
                Assert.Equal(1UL << bit, MshvDouble.LastFieldValue(which, index));
                seen.Add(decoded[0]);
            }
        }

        Assert.Equal(Enumerable.Range(0, MshvDouble.RecordSize(which) * 8), seen.Order());
    }

    private static int IndexOf(Type record, string name) =>
        MshvDouble.BitfieldProperties(record).ToList().IndexOf(name) is int index and >= 0
            ? index
            : throw new ArgumentException($"{record.Name} has no bitfield {name}");

    private static MshvDevice Negotiated()
    {
        MshvDevice device = MshvDevice.Open();
        device.RequestVersion();
        return device;
    }

    private static void Create(PartitionCreationFlags flags, in hv_partition_creation_properties properties)
    {
        using MshvDevice device = Negotiated();
        int before = MshvDouble.CreatesDecoded;
        using MshvPartition partition = device.CreatePartition(flags, properties);
        Assert.Equal(before + 1, MshvDouble.CreatesDecoded);
    }
}
