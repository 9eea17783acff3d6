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
