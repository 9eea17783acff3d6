using System;
using System.Collections.Generic;
using System.Linq;

namespace Mshv.Scanner.Evaluation;

/// <summary>
/// With <c>MSHV_SCAN_CHECK_EVALUATOR=1</c> in the environment, a scan also runs the macro probe over every macro, as
/// the scanner did before the evaluator, and throws when anything the two give differs: values, C types, ioctl
/// fields, argument layouts, records. The sweep runs with it to prove the evaluator exact on every uapi header.
/// </summary>
internal static class EvaluatorCheck
{
    public const string Variable = "MSHV_SCAN_CHECK_EVALUATOR";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    public static void Compare(MacroProbe evaluated, MacroProbe probed)
    {
        var differences = new List<string>();
        Compare("value", evaluated.Values, probed.Values, (a, b) => a == b, differences);
        Compare("argument", evaluated.Arguments, probed.Arguments, (a, b) => a.Size == b.Size && a.Shape.Equals(b.Shape), differences);
        Compare("field", evaluated.FieldValues, probed.FieldValues, (a, b) => a == b, differences);
        Compare("record", evaluated.Records, probed.Records, (a, b) => a.Equals(b), differences);
        if (!Equals(evaluated.DirectionBits, probed.DirectionBits))
        {
            differences.Add("direction bits: " + evaluated.DirectionBits + " against the probe's " + probed.DirectionBits);
        }

        foreach ((string name, string message) in evaluated.Rejections)
        {
            if (!probed.Rejections.TryGetValue(name, out string? expected) || expected != message)
            {
                differences.Add("rejection of " + name + ": '" + message + "' against the probe's '" + expected + "'");
            }
        }

        if (differences.Count > 0)
        {
            throw new InvalidOperationException("the macro evaluator differs from the probe:\n  " + string.Join("\n  ", differences.Take(50)));
        }
    }

    /// <summary>The request builders' values, argument layouts and records, as <see cref="Compare(MacroProbe, MacroProbe)"/>.</summary>
    public static void Compare(RequestBuilderProbe evaluated, RequestBuilderProbe probed)
    {
        var differences = new List<string>();
        Compare("builder value", evaluated.Values, probed.Values, (a, b) => a == b, differences);
        Compare("builder argument", evaluated.Arguments, probed.Arguments, (a, b) => a.Size == b.Size && a.Shape.Equals(b.Shape), differences);
        Compare("builder record", evaluated.Records, probed.Records, (a, b) => a.Equals(b), differences);
        differences.AddRange(probed.Rejections.Select(r => "builder " + r.Key + " rejected by clang: " + r.Value));
        if (differences.Count > 0)
        {
            throw new InvalidOperationException("the macro evaluator differs from the probe:\n  " + string.Join("\n  ", differences.Take(50)));
        }
    }

    private static void Compare<T>(string what, IReadOnlyDictionary<string, T> evaluated, IReadOnlyDictionary<string, T> probed, Func<T, T, bool> same, List<string> differences)
    {
        foreach (string name in evaluated.Keys.Union(probed.Keys).OrderBy(n => n, StringComparer.Ordinal))
        {
            bool hasEvaluated = evaluated.TryGetValue(name, out T? a);
            bool hasProbed = probed.TryGetValue(name, out T? b);
            if (!hasEvaluated || !hasProbed || !same(a!, b!))
            {
                differences.Add(what + " " + name + ": " + (hasEvaluated ? a!.ToString() : "none") + " against the probe's " + (hasProbed ? b!.ToString() : "none"));
            }
        }
    }
}
