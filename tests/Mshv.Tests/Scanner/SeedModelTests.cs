using System;
using System.IO;
using System.Linq;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Mshv.Abi;
using Mshv.Scanner;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Scanner;

public sealed class SeedModelTests
{
    [Fact]
    public void Seed_model_matches_a_fresh_scan()
    {
        string fresh = ScanText(ScanSetups.Seed);
        string committed = File.ReadAllText(RepoPaths.SeedModel);
        if (fresh != committed)
        {
            Assert.Fail("headers/mshv.abi is out of date with the vendored headers (- committed, + fresh scan):\n"
                + UnifiedDiff(committed, fresh)
                + "\nIf the change is intended, regenerate it from the repository root:\n  " + ScanSetups.RegenerateSeedCommand);
        }
    }

    [Fact]
    public void Scanning_twice_gives_identical_text()
    {
        Assert.Equal(ScanText(ScanSetups.Seed), ScanText(ScanSetups.Seed));
    }

    [Fact]
    public void Seed_model_text_round_trips_to_an_equal_model()
    {
        AbiModel model = Scan(ScanSetups.Seed);
        AbiModel read = AbiModelReader.Read(AbiModelWriter.Write(model), "mshv.abi");
        Assert.Equal(model, read);
    }

    [Fact]
    public void Seed_layout_macros_and_ioctls_agree_with_the_C_compiler()
    {
        AbiModel model = Scan(ScanSetups.Seed);
        string printed = CCompiler.CompileAndRun(LayoutOracle.Program(model), CCompiler.SeedHeaderArguments);
        Assert.Equal(LayoutOracle.Expected(model), printed);
        Assert.Contains(model.Ioctls, i => i.Name == "MSHV_CREATE_PARTITION" && i.ArgumentType?.RecordName == "mshv_create_partition");
        Assert.Contains(model.Records, r => r.Name == "hv_partition_processor_features.anon0" && r.IsAnonymous && r.Fields.Count(f => f.IsBitfield) > 0);
    }

    [Fact]
    public void Seed_model_paths_are_include_relative()
    {
        AbiModel model = Scan(ScanSetups.Seed);
        Assert.Equal(new[] { "linux/mshv.h", "asm/hyperv-tlfs.h", "asm-generic/hyperv-tlfs.h" }, model.Headers.ToArray());
        string text = AbiModelWriter.Write(model);
        Assert.DoesNotContain(RepoPaths.Root, text);
        Assert.DoesNotContain("/usr/", text);
    }

    internal static AbiModel Scan(ScanOptions options)
    {
        ScanResult result = HeaderScanner.Scan(options);
        Assert.True(result.Model is not null, "scan failed:\n" + string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private static string ScanText(ScanOptions options) => AbiModelWriter.Write(Scan(options));

    /// <summary>Changed lines with two lines of context, prefixed '-', '+' or ' ', each hunk headed by its line in the fresh scan.</summary>
    private static string UnifiedDiff(string before, string after)
    {
        const int Context = 2;
        var lines = InlineDiffBuilder.Diff(before, after).Lines;
        var diff = new StringBuilder();
        int lastShown = -1;
        for (int i = 0; i < lines.Count; i++)
        {
            bool nearChange = Enumerable.Range(Math.Max(0, i - Context), Math.Min(lines.Count, i + Context + 1) - Math.Max(0, i - Context))
                .Any(j => lines[j].Type != ChangeType.Unchanged);
            if (!nearChange)
            {
                continue;
            }

            if (i != lastShown + 1)
            {
                diff.Append("@@ near line ").Append(lines[i].Position ?? i + 1).Append(" @@\n");
            }

            diff.Append(lines[i].Type switch { ChangeType.Deleted => "-", ChangeType.Inserted => "+", _ => " " }).Append(lines[i].Text).Append('\n');
            lastShown = i;
        }

        return diff.ToString();
    }
}
