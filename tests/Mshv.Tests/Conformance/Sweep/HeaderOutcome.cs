using System.Collections.Generic;

namespace Mshv.Tests.Conformance.Sweep;

public enum HeaderVerdict
{
    /// <summary>Every number C and the generated C# give agrees, and everything the compiler defines is in the model.</summary>
    Exact,

    /// <summary>gcc itself cannot compile the header alone (with the default prelude): not ours to bind; its reason is kept.</summary>
    CompilerRejects,

    /// <summary>Anything else: a scan error, generated C# that does not compile, a probe that fails, or a mismatch.</summary>
    Failed,
}

/// <summary>What the sweep found for one header on one target.</summary>
/// <param name="Reasons">For a failure, what went wrong (mismatch lines, errors); for a header gcc rejects, gcc's first error.</param>
/// <param name="Diagnostics">The scanner's and the emitter's named diagnostics (ids with messages): what could not be represented.</param>
internal sealed record HeaderOutcome(
    string Header,
    HeaderVerdict Verdict,
    ConformanceReport? Report,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Diagnostics);
