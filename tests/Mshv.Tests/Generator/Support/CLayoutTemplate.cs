using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Mshv.Tests.Generator.Support;

/// <summary>
/// A test's ABI model written with its numbers left as C expressions, <c>{{sizeof(struct bits)}}</c>,
/// <c>{{BITOFF(struct bits, low)}}</c>: the C compiler fills them in, so no layout number in a test is
/// written by hand.
/// </summary>
internal static partial class CLayoutTemplate
{
    /// <summary>
    /// Fills every <c>{{expr}}</c> of <paramref name="template"/> with the value gcc computes with
    /// <paramref name="header"/> (saved as <c>test.h</c>) included; <paramref name="measureOnly"/> is extra C
    /// visible to the expressions only (named twins of anonymous records, which C cannot name).
    /// </summary>
    public static string Fill(string template, string header, string measureOnly = "")
    {
        List<string> expressions = Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct().ToList();
        string dir = Directory.CreateTempSubdirectory("mshv-layout-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "test.h"), header);
            var source = new StringBuilder("#include \"test.h\"\n").Append(measureOnly).Append("\nint main(void) {\n");
            foreach (string expression in expressions)
            {
                // "u:" unsigned, "x:" hexadecimal, "s:" a string (PRIM), otherwise signed decimal.
                string line = expression.Length > 2 && expression[1] == ':'
                    ? expression[0] switch
                    {
                        'u' => "printf(\"%llu\\n\", (unsigned long long)(" + expression.Substring(2) + "));",
                        'x' => "printf(\"%llx\\n\", (unsigned long long)(" + expression.Substring(2) + "));",
                        _ => "printf(\"%s\\n\", " + expression.Substring(2) + ");",
                    }
                    : "P(" + expression + ");";
                source.Append("    ").Append(line).Append('\n');
            }

            source.Append("    return 0;\n}\n");
            IReadOnlyList<string> values = CProgram.Run(source.ToString(), dir);
            var byExpression = expressions.Select((e, i) => (e, values[i])).ToDictionary(p => p.e, p => p.Item2);
            return Placeholder().Replace(template, m => byExpression[m.Groups[1].Value]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex(@"\{\{(.+?)\}\}")]
    private static partial Regex Placeholder();
}
