using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Tests.Conformance.Sweep;

/// <summary>One architecture's sweep: every header's outcome and the totals of what was compared.</summary>
internal sealed record SweepResult(SweepTarget Target, IReadOnlyList<HeaderOutcome> Outcomes, TimeSpan Elapsed)
{
    public int Passed => Outcomes.Count(o => o.Verdict == HeaderVerdict.Exact);

    public int Failed => Outcomes.Count(o => o.Verdict == HeaderVerdict.Failed);

    public int Rejected => Outcomes.Count(o => o.Verdict == HeaderVerdict.CompilerRejects);

    private IEnumerable<ConformanceReport> Reports => Outcomes.Where(o => o.Report is not null).Select(o => o.Report!);

    public int Records => Reports.Sum(r => r.Records);

    public int Members => Reports.Sum(r => r.Members);

    public int Bitfields => Reports.Sum(r => r.Bitfields);

    public int Macros => Reports.Sum(r => r.Macros);

    public int Enumerators => Reports.Sum(r => r.Enumerators);

    public int Ioctls => Reports.Sum(r => r.Ioctls);

    public int BuilderCalls => Reports.Sum(r => r.BuilderCalls);

    /// <summary>The line .ci/run folds into its total: exact headers pass, any other header gcc compiles alone fails.</summary>
    public string SummaryLine =>
        $"sweep {Target.Name}: {Passed} passed, {Failed} failed ({Rejected} headers gcc cannot compile alone, not counted; {Elapsed.TotalSeconds:0} s)";
}
