using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Xunit;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>
/// Small models written in the canonical text form. The sizes, offsets and request numbers in them
/// are inputs to the diff, never compiler output that a test expects: the diff only compares them.
/// Once the scanner lands these can be produced by scanning tiny headers instead.
/// </summary>
internal static class DiffModels
{
    public const string Target = "x86_64-unknown-linux-gnu";

    public static AbiModel Parse(string body, string target = Target) =>
        AbiModelReader.Read("abi 1\ntarget " + target + "\nheader t.h\n" + body + "\n\nend\n", "test.abi");

    public static AbiDiffReport Diff(string oldBody, string newBody) => AbiDiff.Compare(Parse(oldBody), Parse(newBody));

    /// <summary>Asserts the report holds exactly one change and returns it.</summary>
    public static AbiChange Single(AbiDiffReport report, ChangeSeverity severity, string kind, string subject)
    {
        AbiChange change = Assert.Single(report.Changes);
        Assert.Equal((severity, kind, subject), (change.Severity, change.Kind, change.Subject));
        return change;
    }

    /// <summary>Asserts the report holds exactly one change of <paramref name="kind"/> on <paramref name="subject"/>, of that severity.</summary>
    public static AbiChange Find(AbiDiffReport report, ChangeSeverity severity, string kind, string subject)
    {
        List<AbiChange> matches = report.Changes.Where(c => c.Kind == kind && c.Subject == subject).ToList();
        AbiChange change = Assert.Single(matches);
        Assert.Equal(severity, change.Severity);
        return change;
    }

    public static IReadOnlyList<(ChangeSeverity, string, string)> Summary(AbiDiffReport report) =>
        report.Changes.Select(c => (c.Severity, c.Kind, c.Subject)).ToList();
}
