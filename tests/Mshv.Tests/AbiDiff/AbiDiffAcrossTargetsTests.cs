using System;
using System.IO;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Xunit;
using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>
/// abi-diff between two targets of the same header (x86_64 → aarch64, each with its own asm/ headers from the current
/// kernel): what differs is what a consumer building for the other RuntimeIdentifier gets (docs/abi-diff.md).
/// </summary>
public sealed class AbiDiffAcrossTargetsTests
{
    [Fact]
    public void Plain_char_changes_signedness_between_x86_64_and_aarch64_and_says_so()
    {
        const string header = """
            struct text { char c; __u32 n; };
            #define SEND_CHAR _IOW('c', 1, char)
            """;

        AbiDiffReport report = AbiDiff.Compare(Scan(header, "x86_64"), Scan(header, "aarch64"));

        Assert.Equal(3, report.Changes.Count);
        Find(report, ChangeSeverity.Breaking, AbiChangeKind.TargetChanged, "target");
        AbiChange field = Find(report, ChangeSeverity.Breaking, AbiChangeKind.FieldSignednessChanged, "field text.c");
        Assert.Contains("char is i8 -> u8 on x86_64-unknown-linux-gnu -> aarch64-unknown-linux-gnu; the target decides whether plain char is signed", field.Message);
        AbiChange ioctl = Find(report, ChangeSeverity.Breaking, AbiChangeKind.IoctlArgumentChanged, "ioctl SEND_CHAR");
        Assert.Contains("char is i8 -> u8", ioctl.Message);
        Assert.DoesNotContain("char -> char", ioctl.Message);
    }

    // A header whose layouts agree on both targets, so one model may serve both (MshvTargets, also=).
    private const string SameOnBoth = """
        struct pair { __u32 a; __u64 b; };
        #define SEND_PAIR _IOW('p', 1, struct pair)
        """;

    private const string X64 = "x86_64-unknown-linux-gnu";
    private const string Arm64 = "aarch64-unknown-linux-gnu";

    [Fact]
    public void A_model_that_stops_serving_a_target_is_breaking_and_one_that_starts_is_compatible()
    {
        AbiModel x64 = Scan(SameOnBoth, "x86_64");
        AbiModel both = x64 with { AlsoTargets = new[] { Arm64 }.ToEquatableArray() };

        AbiChange dropped = Assert.Single(AbiDiff.Compare(both, x64).Changes);
        Assert.Equal((ChangeSeverity.Breaking, AbiChangeKind.TargetDropped, "target " + Arm64), (dropped.Severity, dropped.Kind, dropped.Subject));
        Assert.Contains("fails the target check", dropped.Message);

        AbiChange added = Assert.Single(AbiDiff.Compare(x64, both).Changes);
        Assert.Equal((ChangeSeverity.Compatible, AbiChangeKind.TargetAdded, "target " + Arm64), (added.Severity, added.Kind, added.Subject));
    }

    [Fact]
    public void Two_models_of_the_same_targets_in_either_order_differ_in_nothing_when_their_layouts_agree()
    {
        AbiModel fromX64 = Scan(SameOnBoth, "x86_64") with { AlsoTargets = new[] { Arm64 }.ToEquatableArray() };
        AbiModel fromArm64 = Scan(SameOnBoth, "aarch64") with { AlsoTargets = new[] { X64 }.ToEquatableArray() };

        Assert.Empty(AbiDiff.Compare(fromX64, fromArm64).Changes);
        Assert.Contains(AbiDiff.Compare(Scan(SameOnBoth, "x86_64"), Scan(SameOnBoth, "aarch64")).Changes, c => c.Kind == AbiChangeKind.TargetChanged);
    }

    private static AbiModel Scan(string body, string architecture)
    {
        using var folder = new TempDirectory("abidiff-targets");
        File.WriteAllText(Path.Combine(folder.Path, "t.h"), "#include <linux/types.h>\n#include <linux/ioctl.h>\n" + body + "\n");
        var options = new ScanOptions(
            new[] { "t.h" },
            new[] { folder.Path, UpstreamHeaders.AsmRoot(architecture + "-linux-gnu"), UpstreamHeaders.IncludeRoot },
            Array.Empty<string>(),
            Array.Empty<string>(),
            architecture + "-unknown-linux-gnu");
        ScanResult result = HeaderScanner.Scan(options);
        Assert.True(result.Model is not null && !result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }
}
