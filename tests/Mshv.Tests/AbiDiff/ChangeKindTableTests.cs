using System.IO;
using System.Linq;
using System.Reflection;
using Mshv.Abi.Diff;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>One table decides every change kind's severity; the docs list the same table.</summary>
public sealed class ChangeKindTableTests
{
    private static readonly string[] Kinds = typeof(AbiChangeKind)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void Every_change_kind_has_exactly_one_rule_and_every_rule_a_kind()
    {
        Assert.Equal(Kinds.OrderBy(k => k), ChangeKindTable.All.Select(r => r.Kind).OrderBy(k => k));
        Assert.Equal(ChangeKindTable.All.Count, ChangeKindTable.All.Select(r => r.Kind).Distinct().Count());
    }

    [Fact]
    public void An_undeclared_kind_is_a_bug_that_throws_instead_of_guessing_a_severity()
    {
        Assert.Throws<System.ArgumentException>(() => ChangeKindTable.SeverityOf("no-such-kind"));
    }

    [Fact]
    public void The_docs_list_every_kind_under_its_severity()
    {
        string[] lines = File.ReadAllLines(RepoPaths.InRoot("docs", "abi-diff.md"));
        foreach (ChangeKindRule rule in ChangeKindTable.All)
        {
            string row = Assert.Single(lines, l => l.StartsWith("| `" + rule.Kind + "` |", System.StringComparison.Ordinal));
            Assert.StartsWith("| `" + rule.Kind + "` | " + rule.Severity + " |", row);
        }
    }
}
