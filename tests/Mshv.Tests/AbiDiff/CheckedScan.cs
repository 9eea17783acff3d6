using System;
using System.IO;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Scanner;
using Xunit;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>
/// Models for abi-diff tests, scanned from tiny headers and then checked against gcc (<see cref="LayoutOracle"/>: every
/// size, alignment, offset, bitfield, macro value and type, ioctl request and enum value): no number in these tests is
/// typed by hand, and a scanner bug cannot pass as a diff result.
/// </summary>
internal static class CheckedScan
{
    public const string Prelude = "#include <linux/types.h>\n#include <linux/ioctl.h>\n";

    public static AbiDiffReport Diff(string oldBody, string newBody) => AbiDiff.Compare(Model(oldBody), Model(newBody));

    public static AbiModel Model(string body)
    {
        string dir = Directory.CreateTempSubdirectory("mshv-abidiff-checked-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "t.h"), Prelude + body + "\n");
            ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { "t.h" }, new[] { dir }, Array.Empty<string>(), Array.Empty<string>()));
            Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
            string compiler = CCompiler.CompileAndRun(LayoutOracle.Program(result.Model!), new[] { "-I", dir });
            Assert.Equal(LayoutOracle.Expected(result.Model!), compiler);
            return result.Model!;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
