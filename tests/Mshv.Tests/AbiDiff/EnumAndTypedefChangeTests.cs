using Mshv.Abi.Diff;
using Xunit;
using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

public sealed class EnumAndTypedefChangeTests
{
    private const string Property = """
        enum hv_partition_property_code underlying=u32 at=t.h:1
          const HV_PARTITION_PROPERTY_PRIVILEGE_FLAGS value=65536
          const HV_PARTITION_PROPERTY_SUSPEND value=131072
        """;

    [Fact]
    public void Constant_value_change_is_breaking()
    {
        string revalued = Property.Replace("value=131072", "value=131073");

        AbiChange change = Single(Diff(Property, revalued), ChangeSeverity.Breaking, AbiChangeKind.EnumConstantValueChanged, "enum constant HV_PARTITION_PROPERTY_SUSPEND");
        Assert.Equal("value changed from 131072 to 131073", change.Message);
    }

    [Fact]
    public void Constant_removed_is_breaking()
    {
        string removed = Property.Replace("  const HV_PARTITION_PROPERTY_SUSPEND value=131072", string.Empty);

        Single(Diff(Property, removed), ChangeSeverity.Breaking, AbiChangeKind.EnumConstantRemoved, "enum constant HV_PARTITION_PROPERTY_SUSPEND");
    }

    [Fact]
    public void Constant_added_is_compatible()
    {
        string added = Property.Replace(
            "  const HV_PARTITION_PROPERTY_SUSPEND",
            "  const HV_PARTITION_PROPERTY_SYNTHETIC_PROC_FEATURES value=65537\n  const HV_PARTITION_PROPERTY_SUSPEND");

        Single(Diff(Property, added), ChangeSeverity.Compatible, AbiChangeKind.EnumConstantAdded, "enum constant HV_PARTITION_PROPERTY_SYNTHETIC_PROC_FEATURES");
    }

    [Fact]
    public void Enum_removed_is_breaking_and_its_constants_with_it()
    {
        AbiDiffReport report = Diff(Property, string.Empty);

        Find(report, ChangeSeverity.Breaking, AbiChangeKind.EnumRemoved, "enum hv_partition_property_code");
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.EnumConstantRemoved, "enum constant HV_PARTITION_PROPERTY_SUSPEND");
        Assert.All(report.Changes, c => Assert.Equal(ChangeSeverity.Breaking, c.Severity));
    }

    [Fact]
    public void New_enum_is_one_compatible_change_listing_its_constants()
    {
        AbiChange change = Single(Diff(string.Empty, Property), ChangeSeverity.Compatible, AbiChangeKind.EnumAdded, "enum hv_partition_property_code");
        Assert.Contains("HV_PARTITION_PROPERTY_SUSPEND", change.Message);
    }

    [Fact]
    public void Underlying_type_change_is_breaking()
    {
        string wider = Property.Replace("underlying=u32", "underlying=u64");

        Single(Diff(Property, wider), ChangeSeverity.Breaking, AbiChangeKind.EnumUnderlyingChanged, "enum hv_partition_property_code");
    }

    [Fact]
    public void Anonymous_enum_constants_match_by_name_when_their_line_moves()
    {
        const string before = """
            enum anon@t.h:3 anonymous underlying=u32 at=t.h:3
              const MSHV_PT_BIT_LAPIC value=0
            """;
        string after = before.Replace("t.h:3", "t.h:9");

        Assert.Empty(Diff(before, after).Changes);
    }

    [Fact]
    public void Constant_moved_to_another_enum_with_its_value_is_compatible()
    {
        string moved = Property.Replace("  const HV_PARTITION_PROPERTY_SUSPEND value=131072", string.Empty)
            + "\nenum hv_scheduling_property underlying=u32 at=t.h:9\n  const HV_PARTITION_PROPERTY_SUSPEND value=131072";

        AbiDiffReport report = Diff(Property, moved);

        Find(report, ChangeSeverity.Compatible, AbiChangeKind.EnumConstantMoved, "enum constant HV_PARTITION_PROPERTY_SUSPEND");
        Assert.False(report.HasBreaking);
    }

    [Fact]
    public void Typedef_naming_another_layout_is_breaking()
    {
        const string before = "typedef hv_gpa type=u64 c=\"__u64\" at=t.h:1";
        string after = before.Replace("type=u64 c=\"__u64\"", "type=u32 c=\"__u32\"");

        Single(Diff(before, after), ChangeSeverity.Breaking, AbiChangeKind.TypedefRetyped, "typedef hv_gpa");
    }

    [Fact]
    public void Typedef_renamed_is_compatible()
    {
        const string before = "typedef hv_gpa type=u64 c=\"__u64\" at=t.h:1";
        string after = before.Replace("hv_gpa", "hv_guest_physical_address");

        AbiDiffReport report = Diff(before, after);

        Assert.Equal(
            new[]
            {
                (ChangeSeverity.Compatible, AbiChangeKind.TypedefRemoved, "typedef hv_gpa"),
                (ChangeSeverity.Compatible, AbiChangeKind.TypedefAdded, "typedef hv_guest_physical_address"),
            },
            Summary(report));
    }

    [Fact]
    public void Typedef_respelled_with_the_same_layout_is_compatible()
    {
        const string before = "typedef hv_gpa type=u64 c=\"__u64\" at=t.h:1";
        string after = before.Replace("c=\"__u64\"", "c=\"unsigned long long\"");

        Single(Diff(before, after), ChangeSeverity.Compatible, AbiChangeKind.TypedefSpellingChanged, "typedef hv_gpa");
    }
}
