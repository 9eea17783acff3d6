using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Conformance;

/// <summary>
/// What the C compiler itself says the scanned headers define, found without the scanner: the struct and union tags
/// defined in them (from the preprocessed text, attributed to files by the preprocessor's line markers) and the
/// object-like macros defined in them that are integer constant expressions (gcc decides: each is used as an array
/// size, which must be one). Conformance requires all of them in the model, so a record or macro the scanner drops
/// is a failure rather than something nobody compared.
/// </summary>
internal sealed record CompilerInventory(IReadOnlySet<string> RecordTags, IReadOnlySet<string> IntegerMacros)
{
    /// <summary>Every struct/union tag defined in the translation unit, scanned headers or not: a record the model names
    /// otherwise is a <c>typedef struct { … } name;</c>, which C names without a keyword.</summary>
    public IReadOnlySet<string> TagsAnywhere { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    private static readonly Regex LineMarker = new(@"^# (\d+) ""(.*)""", RegexOptions.Compiled);
    private static readonly Regex Define = new(@"^#define ([A-Za-z_]\w*)(\(?)\s*(.*)$", RegexOptions.Compiled);
    private static readonly Regex Undef = new(@"^#undef ([A-Za-z_]\w*)", RegexOptions.Compiled);
    private static readonly Regex TagDefinition = new(@"\b(?:struct|union)\s+([A-Za-z_]\w*)\s*(?:__attribute__\s*\(\(.*?\)\)\s*)?\{", RegexOptions.Compiled);

    /// <param name="compiler">The C compiler that decides (a cross compiler such as <c>aarch64-linux-gnu-gcc</c> for another target).</param>
    public static CompilerInventory Of(IReadOnlyList<string> includes, IReadOnlyList<string> flags, IReadOnlyCollection<string> headerFiles, string compiler = "cc")
    {
        var listed = headerFiles.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        string source = string.Concat(includes.Select(i => "#include <" + i + ">\n"));
        string preprocessed = Preprocess(source, flags, compiler);

        var tags = new HashSet<string>(StringComparer.Ordinal);
        var macros = new Dictionary<string, bool>(StringComparer.Ordinal);
        var listedText = new StringBuilder();
        var allText = new StringBuilder();
        bool inListed = false;
        foreach (string line in preprocessed.Split('\n'))
        {
            Match marker = LineMarker.Match(line);
            if (marker.Success)
            {
                inListed = listed.Contains(Path.GetFullPath(marker.Groups[2].Value));
                continue;
            }

            if (Undef.Match(line) is { Success: true } undef)
            {
                macros.Remove(undef.Groups[1].Value);
                continue;
            }

            if (Define.Match(line) is { Success: true } define)
            {
                // Object-like with a body, defined in a scanned header: a candidate integer macro.
                if (inListed && define.Groups[2].Value.Length == 0 && define.Groups[3].Value.Trim().Length > 0)
                {
                    macros[define.Groups[1].Value] = true;
                }
                else
                {
                    macros.Remove(define.Groups[1].Value);
                }

                continue;
            }

            allText.Append(line).Append('\n');
            if (inListed)
            {
                listedText.Append(line).Append('\n');
            }
        }

        foreach (Match tag in TagDefinition.Matches(listedText.ToString()))
        {
            tags.Add(tag.Groups[1].Value);
        }

        var allTags = TagDefinition.Matches(allText.ToString()).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        return new CompilerInventory(tags, IntegerConstantMacros(source, flags, macros.Keys.ToList(), compiler)) { TagsAnywhere = allTags };
    }

    private static string Preprocess(string source, IReadOnlyList<string> flags, string compiler)
    {
        using var folder = new TempDirectory("inventory");
        string file = Path.Combine(folder.Path, "inventory.c");
        File.WriteAllText(file, source);
        return CCompiler.Run(compiler, new[] { "-E", "-dD", "-std=gnu11", file }.Concat(flags), "preprocessing the scanned headers");
    }

    /// <summary>
    /// Declares one file-scope array per candidate whose size is valid only when the macro is an integer constant
    /// expression of integer type; gcc's errors name the lines of the others. gcc reports an undeclared identifier
    /// only at its first use, so the survivors are checked again until no error is left.
    /// </summary>
    private static IReadOnlySet<string> IntegerConstantMacros(string includes, IReadOnlyList<string> flags, IReadOnlyList<string> candidates, string compiler)
    {
        List<string> surviving = candidates.ToList();
        while (true)
        {
            HashSet<int> failed = FailingProbes(includes, flags, surviving, compiler);
            if (failed.Count == 0)
            {
                return surviving.ToHashSet(StringComparer.Ordinal);
            }

            surviving = surviving.Where((_, i) => !failed.Contains(i)).ToList();
        }
    }

    private static HashSet<int> FailingProbes(string includes, IReadOnlyList<string> flags, IReadOnlyList<string> candidates, string compiler)
    {
        var probe = new StringBuilder(includes);
        int firstLine = includes.Count(c => c == '\n') + 1;
        for (int i = 0; i < candidates.Count; i++)
        {
            probe.Append("static char mshv_ice_").Append(i).Append("[__builtin_classify_type(").Append(candidates[i])
                .Append(") == 1 ? 1 + 0 * (long long)(").Append(candidates[i]).Append(") : -1];\n");
        }

        using var folder = new TempDirectory("inventory");
        string file = Path.Combine(folder.Path, "ice.c");
        File.WriteAllText(file, probe.ToString());
        var start = new System.Diagnostics.ProcessStartInfo(compiler) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in new[] { "-fsyntax-only", "-std=gnu11", "-w", "-fmax-errors=0", file }.Concat(flags))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;

        var failed = new HashSet<int>();
        foreach (Match error in Regex.Matches(errors, "^" + Regex.Escape(file) + @":(\d+):\d+: error", RegexOptions.Multiline))
        {
            failed.Add(int.Parse(error.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - firstLine);
        }

        if (failed.Count == 0 && process.ExitCode != 0)
        {
            throw new InvalidOperationException("the integer-macro probe failed without a located error:\n" + errors);
        }

        return failed;
    }
}
