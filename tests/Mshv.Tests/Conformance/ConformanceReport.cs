using System.Collections.Generic;
using System.Text;

namespace Mshv.Tests.Conformance;

/// <summary>What one conformance run compared, and every line where C and the generated C# disagree.</summary>
internal sealed record ConformanceReport(
    int TagsTheCompilerDefines,
    int IntegerMacrosTheCompilerDefines,
    int Records,
    int Members,
    int Bitfields,
    int Macros,
    int Ioctls,
    IReadOnlyList<string> Mismatches,
    IReadOnlyDictionary<string, string> MeasuredByC)
{
    /// <summary>Enum constants compared by value (and each named enum's size and signedness).</summary>
    public int Enumerators { get; init; }

    /// <summary>Calls of function-like request macros compared (a few argument points per builder).</summary>
    public int BuilderCalls { get; init; }

    /// <summary>The requests C measured that the generator declined to type, each with a diagnostic naming it (not compared).</summary>
    public IReadOnlyList<string> DeclinedIoctls { get; init; } = System.Array.Empty<string>();

    public string Summary =>
        $"{Records} records, {Members} members ({Bitfields} bitfields), {Macros} macros, {Enumerators} enum constants, {Ioctls} ioctls, "
        + $"{BuilderCalls} request-builder calls compared, {DeclinedIoctls.Count} ioctls declined with a diagnostic; "
        + $"the compiler defines {TagsTheCompilerDefines} tags and {IntegerMacrosTheCompilerDefines} integer macros in the headers, all required in the model; "
        + $"{Mismatches.Count} mismatches";

    public string Describe()
    {
        var text = new StringBuilder(Summary);
        foreach (string mismatch in Mismatches)
        {
            text.Append('\n').Append(mismatch);
        }

        return text.ToString();
    }
}
