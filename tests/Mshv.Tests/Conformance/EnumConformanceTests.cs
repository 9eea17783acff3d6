using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Mshv.Tests.Conformance;

/// <summary>
/// Issue 12: the probes compare enum constants too. The C probe prints every enumerator's value as gcc has it and each
/// named enum's size and signedness; the C# probe reads the generated enum members and anonymous-enum constants by
/// reflection; a value, a type or a constant that differs or is missing is a mismatch.
/// </summary>
public sealed class EnumConformanceTests(ITestOutputHelper output)
{
    private const string Header = """
        #include <linux/types.h>
        enum probe_unsigned { U_SMALL = 1, U_BIG = 0xFFFFFFFE };
        enum probe_signed { S_NEG = -2, S_POS = 3 };
        enum probe_wide { W_BIG = 0x100000000ULL };
        enum { ANON_A = 7, ANON_B = -1 };
        typedef enum { T_ONE = 1, T_TWO } probe_untagged;
        struct probe_user { enum probe_signed s; probe_untagged t; enum probe_unsigned u; };
        """;

    [Fact]
    public void Enum_constants_and_named_enums_types_match_gcc()
    {
        using var folder = new TempDirectory("enum-conformance");
        string file = Path.Combine(folder.Path, "enums.h");
        File.WriteAllText(file, Header);
        var options = new ScanOptions(new[] { file }, new[] { folder.Path }, Array.Empty<string>(), new[] { "linux/ioctl.h" });

        ConformanceReport report = ConformanceRunner.Run(options, new[] { "enums.h" });
        output.WriteLine(report.Summary);

        Assert.True(report.Mismatches.Count == 0, report.Describe());
        Assert.Equal(9, report.Enumerators);
        foreach (string name in new[] { "U_SMALL", "U_BIG", "S_NEG", "S_POS", "W_BIG", "ANON_A", "ANON_B", "T_ONE", "T_TWO" })
        {
            Assert.Contains("enumerator " + name, report.MeasuredByC.Keys);
        }

        foreach (string name in new[] { "probe_unsigned", "probe_signed", "probe_wide", "probe_untagged" })
        {
            Assert.Contains("enum " + name, report.MeasuredByC.Keys);
        }
    }

    [Fact]
    public void An_enum_constant_or_enum_type_that_differs_or_is_missing_is_a_mismatch()
    {
        AbiModel model = new(
            "x86_64-unknown-linux-gnu",
            EquatableArray<string>.Empty,
            EquatableArray<AbiRecord>.Empty,
            EquatableArray<AbiEnum>.Empty,
            EquatableArray<AbiTypedef>.Empty,
            EquatableArray<AbiMacro>.Empty,
            EquatableArray<AbiIoctl>.Empty);
        var inventory = new CompilerInventory(new HashSet<string>(), new HashSet<string>());
        const string C = "enum e size=4 signed=0\nenumerator A value=4294967294\nenumerator B value=-1\n";

        ConformanceReport report = ConformanceRunner.Compare(model, C, "enum e size=4 signed=1\nenumerator A value=-2\n", inventory);

        Assert.Equal(3, report.Mismatches.Count);
        Assert.Contains(report.Mismatches, m => m.StartsWith("enum e:", StringComparison.Ordinal));
        Assert.Contains(report.Mismatches, m => m.StartsWith("enumerator A:", StringComparison.Ordinal));
        Assert.Contains(report.Mismatches, m => m.StartsWith("enumerator B:", StringComparison.Ordinal) && m.Contains("no such member", StringComparison.Ordinal));
    }
}
