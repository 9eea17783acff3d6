using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>
/// A real upgrade: <c>linux/kvm.h</c> + <c>asm/kvm.h</c> from the system (Debian 12: 6.1) to the fetched current
/// kernel's, on x86_64. No count and no growth inside a padded union may be called breaking, and every breaking line
/// left must be a true removal: gcc's preprocessor sees the name in the old headers and not in the new ones.
/// </summary>
public sealed class KvmUpgradeTests
{
    private static readonly string[] Headers = { "linux/kvm.h", "asm/kvm.h" };
    private static readonly Lazy<Upgrade> Shared = new(Compute);
    private readonly ITestOutputHelper _output;

    public KvmUpgradeTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Every_breaking_line_of_the_upgrade_is_a_name_gcc_no_longer_sees()
    {
        Upgrade upgrade = Shared.Value;
        _output.WriteLine(Counts(upgrade.Report));

        Assert.True(upgrade.Report.HasBreaking);
        var stillDefined = new List<string>();
        foreach (AbiChange change in upgrade.Report.Breaking)
        {
            Assert.True(change.Kind.EndsWith("-removed", StringComparison.Ordinal), change.Kind + " " + change.Subject + ": " + change.Message);
            string name = change.Subject.Substring(change.Subject.LastIndexOf(' ') + 1);
            Assert.True(Defines(upgrade.OldPreprocessed, change.Kind, name), change.Subject + " is not in the old headers as gcc sees them");
            if (Defines(upgrade.NewPreprocessed, change.Kind, name))
            {
                Assert.Equal(AbiChangeKind.IoctlRemoved, change.Kind);
                stillDefined.Add(name);
            }
        }

        // s390 and PowerPC requests are still #defined in linux/kvm.h, but their argument structs moved to those
        // architectures' asm/kvm.h: on x86_64 no program can use them any more, which is what the removal means.
        _output.WriteLine("defined but unusable on x86_64: " + string.Join(", ", stillDefined));
        Assert.Equal(stillDefined, UnusableInNewHeaders(stillDefined));
    }

    [Fact]
    public void Counts_moving_and_the_svm_header_growing_inside_its_padded_union_are_compatible()
    {
        AbiDiffReport report = Shared.Value.Report;

        Find(report, ChangeSeverity.Compatible, AbiChangeKind.SentinelChanged, "enum constant KVM_DEV_TYPE_MAX");
        Find(report, ChangeSeverity.Compatible, AbiChangeKind.SentinelChanged, "enum constant KVM_SEV_NR_MAX");
        AbiChange svm = Find(report, ChangeSeverity.Compatible, AbiChangeKind.RecordGrewInsideFixedUnion, "struct kvm_svm_nested_state_hdr");
        Assert.Contains("only inside union kvm_nested_state.hdr", svm.Message);
    }

    private static string Counts(AbiDiffReport report) =>
        "upgrade to linux-libc-dev " + UpstreamHeaders.Version + ": " + report.Breaking.Count() + " breaking, " + report.Compatible.Count() + " compatible; breaking kinds: "
        + string.Join(", ", report.Breaking.GroupBy(c => c.Kind).Select(g => g.Key + " " + g.Count()));

    private static Upgrade Compute()
    {
        AbiModel old = Scan(Array.Empty<string>());
        AbiModel current = Scan(new[] { UpstreamHeaders.IncludeRoot, UpstreamHeaders.AsmRoot("x86_64-linux-gnu") });
        return new Upgrade(
            AbiDiff.Compare(old, current),
            Preprocess(Array.Empty<string>()),
            Preprocess(UpstreamHeaders.CompilerArguments()));
    }

    private static AbiModel Scan(string[] includeDirectories)
    {
        ScanResult result = HeaderScanner.Scan(new ScanOptions(Headers, includeDirectories, Array.Empty<string>(), Array.Empty<string>()));
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    private static string Preprocess(IEnumerable<string> arguments)
    {
        string dir = CCompiler.NewWorkDirectory("kvm-upgrade");
        try
        {
            string file = Path.Combine(dir, "kvm.c");
            File.WriteAllText(file, string.Concat(Headers.Select(h => "#include <" + h + ">\n")));
            return CCompiler.Run("cc", new[] { "-E", "-dD", file }.Concat(arguments), "preprocessing the KVM headers");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The names among <paramref name="names"/> that gcc refuses to evaluate with the new headers.</summary>
    private static List<string> UnusableInNewHeaders(IReadOnlyList<string> names)
    {
        string dir = CCompiler.NewWorkDirectory("kvm-upgrade-use");
        try
        {
            string file = Path.Combine(dir, "use.c");
            int firstLine = Headers.Length + 1;
            File.WriteAllText(file, string.Concat(Headers.Select(h => "#include <" + h + ">\n")) + string.Concat(names.Select((n, i) => "unsigned long v" + i + " = " + n + ";\n")));
            var start = new System.Diagnostics.ProcessStartInfo("cc") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string argument in new[] { "-fsyntax-only", file }.Concat(UpstreamHeaders.CompilerArguments()))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = System.Diagnostics.Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            var failingLines = Regex.Matches(errors, "use\\.c:(\\d+):\\d+: error").Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
            return names.Where((n, i) => failingLines.Contains(firstLine + i)).ToList();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Whether the preprocessed headers define <paramref name="name"/> as the kind of thing the change removed.</summary>
    private static bool Defines(string preprocessed, string kind, string name)
    {
        string n = Regex.Escape(name);
        string pattern = kind switch
        {
            AbiChangeKind.MacroRemoved or AbiChangeKind.IoctlRemoved => @"^#define " + n + @"\b",
            AbiChangeKind.RecordRemoved => @"\b(struct|union)\s+" + n + @"\s*(__attribute__\s*\(\(.*?\)\)\s*)?\{",
            AbiChangeKind.EnumRemoved => @"\benum\s+" + n + @"\s*\{",
            AbiChangeKind.EnumConstantRemoved => @"^\s*" + n + @"\b\s*(=|,|$)",
            _ => throw new InvalidOperationException("no gcc check for " + kind),
        };
        return Regex.IsMatch(preprocessed, pattern, RegexOptions.Multiline);
    }

    private sealed record Upgrade(AbiDiffReport Report, string OldPreprocessed, string NewPreprocessed);
}
