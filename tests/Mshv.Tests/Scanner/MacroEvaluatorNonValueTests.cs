using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;
using Mshv.Scanner.Evaluation;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>
/// Macros the evaluator decides clang gives no integer value (so they are not probed): each kind, and near misses that
/// look alike but do have a value, or may. The scan with <see cref="ScanOptions.CheckEvaluator"/> probes every macro too
/// and throws when a macro decided as valueless has a value for clang; the evaluator is also asked directly, so a rule
/// that stopped deciding (and left everything to the probe) fails as well.
/// </summary>
public sealed class MacroEvaluatorNonValueTests
{
    private const string Header = """
        #include <linux/types.h>
        typedef unsigned int uint_t;
        struct pair { int a; int b; };
        int declared_function(int);
        #define NOTHING
        #define VARIADIC(...) __VA_ARGS__
        #define NV_EMPTY NOTHING
        #define NV_STATEMENT { int x = 1; x; }
        #define NV_BRACES { 1, 2 }
        #define NV_BRACES_UNEXPANDED { VARIADIC(1) }
        #define NV_TYPEDEF uint_t
        #define NV_STRUCT struct pair
        #define NV_TYPE_THEN_NAME __u32 member; int other
        #define NV_QUALIFIER const int
        #define NV_ATTRIBUTE __attribute__((packed))
        #define NV_INLINE __inline__
        #define NV_TRAILING_COMMA 1, 2,
        #define NV_LEADING_COMMA , 1
        #define NV_TEXT "abc" "def"
        #define NV_TEXT_LIST "a", "b"
        #define NV_FLOAT 3.5
        #define NV_FLOAT_EXPONENT 1e3
        #define NV_FLOAT_HEX 0x1p4
        #define NV_UNDECLARED_CALL GENMASK_X(3, 0)
        #define NV_UNDECLARED_CALL_INSIDE (1 + BIT_X(2))
        #define NEAR_CAST ((uint_t)3)
        #define NEAR_FLOAT_CAST ((int)3.5)
        #define NEAR_STRING_SIZE (sizeof "abc")
        #define NEAR_STRING_INDEX ("abc"[1])
        #define NEAR_COMMA (1, 2)
        #define NEAR_DECLARED_CALL declared_function(1)
        #define NEAR_LOWER_CALL lower_function(1)
        #define NEAR_HEX_E 0xE1
        #define NEAR_UNEVALUATED_CALL (sizeof(SIZE_X(1)))
        #define NEAR_SKIPPED_CALL (0 && SKIP_X(1))
        #define NEAR_UNBALANCED int)(3
        #define COMMENTED /* white space to the preprocessor */ 5
        """;

    [Fact]
    public void Macros_without_an_integer_value_are_decided_and_clang_agrees()
    {
        using var temp = new TempHeaders();
        string header = temp.Write("nonvalues.h", Header);
        ScanResult result = HeaderScanner.Scan(new ScanOptions(
            new[] { header }, new[] { temp.Directory }, System.Array.Empty<string>(), System.Array.Empty<string>())
        {
            IoctlPrelude = true,
            CheckEvaluator = true,
        });

        Assert.NotNull(result.Model);
        var macros = result.Model!.Macros.ToDictionary(m => m.Name, m => (m.Value, m.CType));
        Assert.DoesNotContain(macros.Keys, name => name.StartsWith("NV_", System.StringComparison.Ordinal));
        Assert.Equal(("3", "int"), macros["NEAR_FLOAT_CAST"]);
        Assert.Equal(("4", "unsigned long"), macros["NEAR_STRING_SIZE"]);
        Assert.Equal(("225", "int"), macros["NEAR_HEX_E"]);
        Assert.Equal(("3", "int"), macros["NEAR_UNBALANCED"]);
        Assert.Equal(("5", "int"), macros["COMMENTED"]);
    }

    [Fact]
    public void The_evaluator_itself_decides_each_kind_and_none_of_the_near_misses()
    {
        using var temp = new TempHeaders();
        string header = temp.Write("nonvalues.h", Header);
        Dictionary<string, (bool NoValue, MacroValue? Value)> decided = Decide(header, temp.Directory);

        string[] kinds = decided.Keys.Where(name => name.StartsWith("NV_", System.StringComparison.Ordinal)).ToArray();
        Assert.Equal(19, kinds.Length);
        Assert.All(kinds, name => Assert.True(decided[name].NoValue, name + " should be decided as having no value"));
        Assert.All(decided.Keys.Where(name => name.StartsWith("NEAR_", System.StringComparison.Ordinal)),
            name => Assert.False(decided[name].NoValue, name + " may have a value: only clang decides it"));
        Assert.Equal("5", decided["COMMENTED"].Value?.Value);
    }

    private static Dictionary<string, (bool NoValue, MacroValue? Value)> Decide(string header, string directory)
    {
        LibClangThreads.RunOnCallersThread();
        var arguments = new List<string> { "-x", "c", "-std=gnu11", "-target", "x86_64-unknown-linux-gnu", "-I" + directory };
        using TranslationUnit? unit = TranslationUnit.Parse("#include \"" + header + "\"\n", arguments, out int errorCode);
        Assert.True(unit is not null, "libclang error " + errorCode);
        var index = new DeclarationIndex(unit!);
        var tokens = new MacroTokens(unit!);
        MacroEvaluator evaluator = MacroEvaluator.For("x86_64-unknown-linux-gnu", unit!, index, unit!.ReadFiles(), tokens)!;
        var decided = new Dictionary<string, (bool, MacroValue?)>(System.StringComparer.Ordinal);
        foreach (string name in index.MacroNames.Where(n => n.StartsWith("NV_", System.StringComparison.Ordinal)
            || n.StartsWith("NEAR_", System.StringComparison.Ordinal) || n == "COMMENTED"))
        {
            MacroValue? value = evaluator.Value(name, out _, out bool noValue);
            decided[name] = (noValue, value);
        }

        return decided;
    }
}
