using System.Linq;
using Mshv.Abi.Diff;
using Xunit;
using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>
/// Request builders (function-like ioctl macros, model lines <c>ioctlfn</c>) in abi-diff, on headers scanned and checked
/// against gcc (<see cref="CheckedScan"/>): compared by the requests they compute, severity from <see cref="ChangeKindTable"/>.
/// </summary>
public sealed class RequestBuilderChangeTests
{
    private const string Name = "#define EVIOCGNAME(len) _IOC(_IOC_READ, 'E', 0x06, len)\n";
    private const string Subject = "ioctl builder EVIOCGNAME(len)";

    [Fact]
    public void A_removed_builder_is_breaking()
    {
        AbiChange change = Single(CheckedScan.Diff(Name, string.Empty), ChangeSeverity.Breaking, AbiChangeKind.RequestBuilderRemoved, Subject);
        Assert.StartsWith("removed (was request 0x80004506+0x10000*len, _IOR(0x45, nr 0x6, size 0x0+len)", change.Message);
    }

    [Fact]
    public void An_added_builder_is_compatible()
    {
        Single(CheckedScan.Diff(string.Empty, Name), ChangeSeverity.Compatible, AbiChangeKind.RequestBuilderAdded, Subject);
    }

    [Fact]
    public void Another_number_for_the_same_arguments_is_breaking_and_says_which_field()
    {
        AbiChange change = Single(
            CheckedScan.Diff(Name, Name.Replace("0x06", "0x07")), ChangeSeverity.Breaking, AbiChangeKind.RequestBuilderChanged, Subject);
        Assert.Equal(
            "request 0x80004506+0x10000*len -> 0x80004507+0x10000*len: number 0x6 -> 0x7; binaries built against the old header send numbers the new "
            + "driver does not know",
            change.Message);
    }

    [Fact]
    public void Another_parameter_count_is_breaking()
    {
        string two = "#define EVIOCGNAME(len, unused) _IOC(_IOC_READ, 'E', 0x06, len)\n";
        AbiChange change = Single(CheckedScan.Diff(Name, two), ChangeSeverity.Breaking, AbiChangeKind.RequestBuilderChanged, "ioctl builder EVIOCGNAME(len, unused)");
        Assert.StartsWith("parameters (len) -> (len, unused)", change.Message);
    }

    [Fact]
    public void The_same_requests_written_differently_are_compatible()
    {
        string rewritten = "#define EVIOCGNAME(size) _IOC(_IOC_READ, 0x45, 6, size)\n";
        AbiDiffReport report = CheckedScan.Diff(Name, rewritten);
        Single(report, ChangeSeverity.Compatible, AbiChangeKind.RequestBuilderSpellingChanged, "ioctl builder EVIOCGNAME(size)");
        Assert.DoesNotContain(report.Changes, c => c.Severity == ChangeSeverity.Breaking);
    }

    [Fact]
    public void An_argument_type_of_another_layout_and_the_same_size_is_breaking_as_an_argument_change_only()
    {
        const string Records = "struct foo { __u32 a; __u32 b; };\nstruct bar { __u64 a; };\n";
        AbiDiffReport report = CheckedScan.Diff(
            Records + "#define FOO_GET(n) _IOR('F', 0x10 + (n), struct foo)\n", Records + "#define FOO_GET(n) _IOR('F', 0x10 + (n), struct bar)\n");
        AbiChange change = Single(report, ChangeSeverity.Breaking, AbiChangeKind.RequestBuilderArgumentChanged, "ioctl builder FOO_GET(n)");
        Assert.StartsWith("argument type changed: struct foo -> struct bar", change.Message);
    }

    [Fact]
    public void A_grown_argument_record_renumbers_the_builder_and_the_record_reports_its_own_change()
    {
        // As for ioctls, a record's own change is reported once, on the record, not again on every request that takes it.
        const string Builder = "#define FOO_GET(n) _IOR('F', 0x10 + (n), struct foo)\n";
        AbiDiffReport report = CheckedScan.Diff("struct foo { __u32 a; };\n" + Builder, "struct foo { __u32 a; __u32 b; };\n" + Builder);
        AbiChange renumbered = Find(report, ChangeSeverity.Breaking, AbiChangeKind.RequestBuilderChanged, "ioctl builder FOO_GET(n)");
        Assert.Contains("size 0x4 -> 0x8", renumbered.Message);
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.RecordSizeChanged, "struct foo");
        Assert.DoesNotContain(report.Changes, c => c.Kind == AbiChangeKind.RequestBuilderArgumentChanged);
    }
}
