using System.Linq;
using Mshv.Tests.Conformance.Sweep;
using Xunit;
using Xunit.Abstractions;

namespace Mshv.Tests.Conformance;

/// <summary>
/// A fast slice of the whole-tree sweep (tests/Mshv.Sweep, its own step in .ci/run) in the main suite: three headers
/// of a current kernel, each compiled alone, on both architectures, through the same batch machinery.
/// </summary>
public sealed class SweepSubsetTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("x86_64")]
    [InlineData("aarch64")]
    public void Three_current_headers_are_exact_on(string architecture)
    {
        SweepTarget target = SweepTarget.Named(architecture);
        Assert.True(target.IsAvailable, target.Compiler + " and " + (target.Runner ?? "nothing else") + " are needed (.ci/prerequisites installs them)");

        var outcomes = HeaderSweep.Run(target, new[] { "asm/kvm.h", "linux/kvm.h", "linux/mshv.h" });

        foreach (HeaderOutcome outcome in outcomes)
        {
            output.WriteLine(outcome.Header + ": " + outcome.Verdict + (outcome.Report is null ? string.Empty : " - " + outcome.Report.Summary));
        }

        Assert.All(outcomes, o => Assert.True(o.Verdict == HeaderVerdict.Exact, o.Header + ":\n" + string.Join("\n", o.Reasons)));
        Assert.True(outcomes.Sum(o => o.Report!.Ioctls) > 100, "kvm.h and mshv.h have well over a hundred ioctls");
    }
}
