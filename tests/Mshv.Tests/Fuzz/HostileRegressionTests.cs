using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Fuzz;

/// <summary>
/// Every hostile model that once failed (found by the fuzz test or by hand, issue 9) is kept as a file under
/// <c>Fixtures/hostile/</c>. Its first line says what it must give now: <c># expect: rejected at line N</c> or
/// <c># expect: compiled</c>.
/// </summary>
public sealed class HostileRegressionTests
{
    public static IEnumerable<object[]> Files() =>
        Directory.GetFiles(RepoPaths.InRoot("tests", "Mshv.Tests", "Fixtures", "hostile"), "*.abi")
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Files))]
    public void Hostile_model_gives_its_expected_answer(string file)
    {
        string text = File.ReadAllText(RepoPaths.InRoot("tests", "Mshv.Tests", "Fixtures", "hostile", file));
        string expect = text.Split('\n')[0];

        MutantOutcome outcome = MutantRunner.Run(text, out string detail);

        if (expect.StartsWith("# expect: rejected at line ", System.StringComparison.Ordinal))
        {
            Assert.True(outcome == MutantOutcome.RejectedAtLine, outcome + ": " + detail);
            string line = expect.Substring("# expect: rejected at line ".Length).Trim();
            Assert.Contains("hostile.abi(" + line + ",", detail);
        }
        else
        {
            Assert.Equal("# expect: compiled", expect.Trim());
            Assert.True(outcome == MutantOutcome.Compiled, outcome + ": " + detail);
        }
    }
}
