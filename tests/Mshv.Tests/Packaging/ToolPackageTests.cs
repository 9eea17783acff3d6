using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Packaging;

/// <summary>
/// <c>mshv</c> as a .NET tool: src/Mshv.Tool packed, installed with <c>dotnet tool install</c> into a temporary
/// tool path, then run as a user would, with no libclang flag or variable: its help is short, and it scans a system
/// header into a model whose ioctl number is gcc's.
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public void The_installed_tool_finds_its_libclang_without_flags_and_keeps_its_help_short()
    {
        using var feed = new TempFolder("mshv-tool-feed-");
        using var tools = new TempFolder("mshv-tool-");
        string version = "0.1.0-tool." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        // A RID-specific (NativeAOT) tool: the Mshv.Tool package points to Mshv.Tool.linux-x64, packed with -r.
        lock (RepoBuilds.Gate)
        {
            DotnetCli.Run(RepoPaths.Root, "pack", RepoPaths.InRoot("src", "Mshv.Tool"), "-c", "Debug", "-o", feed.Path, "-p:Version=" + version, "-nodeReuse:false")
                .AssertSucceeded("dotnet pack src/Mshv.Tool");
            DotnetCli.Run(
                    RepoPaths.Root, "pack", RepoPaths.InRoot("src", "Mshv.Tool"), "-c", "Debug", "-r", "linux-x64", "-o", feed.Path, "-p:Version=" + version,
                    "-nodeReuse:false")
                .AssertSucceeded("dotnet pack -r linux-x64 src/Mshv.Tool");
        }
        Assert.True(File.Exists(Path.Combine(feed.Path, "Mshv.Tool.linux-x64." + version + ".nupkg")), "no RID-specific tool package");
        DotnetCli.Run(tools.Path, "tool", "install", "Mshv.Tool", "--tool-path", tools.Combine("bin"), "--add-source", feed.Path, "--version", version)
            .AssertSucceeded("dotnet tool install");
        string mshv = tools.Combine("bin", "mshv");

        string help = CCompiler.Run(mshv, new[] { "--help" }, "mshv --help");
        Assert.InRange(help.Trim().Split('\n').Length, 2, 12);
        Assert.All(help.Split('\n'), line => Assert.True(line.Length <= 100, "help line over 100 characters: " + line));

        string model = tools.Combine("hidraw.abi");
        string summary = Environment.GetEnvironmentVariable("MSHV_LIBCLANG") is null
            ? CCompiler.Run(mshv, new[] { "scan", "--header", "linux/hidraw.h", "--out", model }, "mshv scan")
            : throw new InvalidOperationException("MSHV_LIBCLANG is set: the test would not show that the tool needs no flag");
        Assert.StartsWith("Mshv: linux/hidraw.h -> ", summary.Trim(), StringComparison.Ordinal);
        string gcc = CCompiler.CompileAndRun(
            "#include <stdio.h>\n#include <linux/ioctl.h>\n#include <linux/hidraw.h>\nint main(void) { printf(\"%x\", (unsigned)HIDIOCGRDESCSIZE); return 0; }\n",
            Array.Empty<string>()).Trim();
        Assert.Contains(File.ReadAllLines(model), line => line.StartsWith("ioctl HIDIOCGRDESCSIZE request=0x" + gcc + " ", StringComparison.Ordinal));
    }
}
