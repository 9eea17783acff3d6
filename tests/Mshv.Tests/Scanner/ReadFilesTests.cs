using System;
using System.IO;
using System.Linq;
using Mshv.Cli;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>The dependency list a build watches: every file the scan read, and the same files the C compiler reads (cc -M).</summary>
public sealed class ReadFilesTests
{
    [Fact]
    public void Read_files_are_the_files_cc_reads_for_the_same_headers()
    {
        ScanResult result = HeaderScanner.Scan(ScanSetups.Seed);
        Assert.NotNull(result.Model);
        Assert.Equal(CompilerReads(ScanSetups.Seed.Headers, "-I", RepoPaths.Headers, "-include", "linux/ioctl.h"), result.ReadFiles.ToArray());
    }

    [Fact]
    public void Nested_includes_are_listed_and_unrelated_headers_are_not()
    {
        using var headers = new TempHeaders();
        string outer = headers.Write("outer.h", "#include \"middle.h\"\nstruct outer { struct inner i; };\n");
        string middle = headers.Write("middle.h", "#include <test/inner.h>\n");
        string inner = headers.Write("inner.h", "struct inner { int x; };\n");
        headers.Write("unrelated.h", "struct unrelated { int y; };\n");
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { outer }, new[] { headers.Directory }, Array.Empty<string>(), Array.Empty<string>()));
        Assert.NotNull(result.Model);
        Assert.Equal(new[] { inner, middle, outer }.OrderBy(p => p, StringComparer.Ordinal), result.ReadFiles);
        Assert.Equal(CompilerReads(new[] { outer }, "-I", headers.Directory), result.ReadFiles.ToArray());
    }

    [Fact]
    public void Scan_deps_option_writes_a_hash_and_a_path_a_line()
    {
        using var headers = new TempHeaders();
        string outer = headers.Write("outer.h", "#include \"inner.h\"\n");
        string inner = headers.Write("inner.h", "struct inner { int x; };\n");
        foreach (string header in new[] { outer, inner })
        {
            File.SetLastWriteTimeUtc(header, DateTime.UtcNow.AddMinutes(-1));
        }

        string deps = Path.Combine(headers.Directory, "model.abi.deps");
        int exit = Program.Run(new[] { "scan", "--header", outer, "--no-ioctl-prelude", "--deps", deps, "--out", Path.Combine(headers.Directory, "model.abi") }, new StringWriter(), new StringWriter());
        Assert.Equal(0, exit);
        // sha256sum's form, so the build compares content and `sha256sum -c` can check it.
        Assert.Equal(new[] { inner, outer }.Select(f => Sha256(f) + "  " + f), File.ReadAllLines(deps));
    }

    [Fact]
    public void A_header_written_after_the_scan_began_gets_no_hash_the_build_could_match()
    {
        using var headers = new TempHeaders();
        string outer = headers.Write("outer.h", "#include \"inner.h\"\n");
        string inner = headers.Write("inner.h", "struct inner { int x; };\n");
        File.SetLastWriteTimeUtc(outer, DateTime.UtcNow.AddMinutes(-1));
        // As if saved while libclang parsed: the bytes hashed after the scan may not be the bytes it read.
        File.SetLastWriteTimeUtc(inner, DateTime.UtcNow.AddMinutes(1));
        string deps = Path.Combine(headers.Directory, "model.abi.deps");

        int exit = Program.Run(new[] { "scan", "--header", outer, "--no-ioctl-prelude", "--deps", deps, "--out", Path.Combine(headers.Directory, "model.abi") }, new StringWriter(), new StringWriter());

        Assert.Equal(0, exit);
        Assert.Equal(new[] { new string('0', 64) + "  " + inner, Sha256(outer) + "  " + outer }, File.ReadAllLines(deps));
    }

    [Fact]
    public void Scan_that_cannot_write_its_model_says_so_as_a_located_msbuild_error()
    {
        using var headers = new TempHeaders();
        string outer = headers.Write("outer.h", "struct outer { int x; };\n");
        string notAFolder = headers.Write("obj", "a file where the model's folder should be\n");
        var error = new StringWriter();

        int exit = Program.Run(new[] { "scan", "--header", outer, "--out", Path.Combine(notAFolder, "model.abi"), "--diagnostics", "msbuild", "--project", "/p/app.csproj" }, new StringWriter(), error);

        Assert.NotEqual(0, exit);
        Assert.Contains("/p/app.csproj: error MSHV1009: cannot write " + Path.Combine(notAFolder, "model.abi"), error.ToString());
    }

    private static string Sha256(string file) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))).ToLowerInvariant();

    /// <summary>The files <c>cc -M</c> lists for a file that includes the headers (minus that file itself), full paths, sorted.</summary>
    private static string[] CompilerReads(System.Collections.Generic.IEnumerable<string> headers, params string[] arguments)
    {
        string dir = Directory.CreateTempSubdirectory("mshv-deps-").FullName;
        try
        {
            string main = Path.Combine(dir, "main.c");
            File.WriteAllText(main, string.Concat(headers.Select(h => "#include \"" + h + "\"\n")));
            // -ffreestanding: gcc's implicit stdc-predef.h is gcc's own prelude, not something the headers read.
            string rule = CCompiler.Run("cc", new[] { "-M", "-ffreestanding", main }.Concat(arguments), "cc -M");
            return rule.Substring(rule.IndexOf(':') + 1)
                .Split(new[] { ' ', '\n', '\\' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(Path.GetFullPath)
                .Where(p => p != main)
                .Distinct()
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToArray();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
