using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Packaging;

/// <summary>
/// A user's project built from the packed packages: it lists the vendored seed headers as UapiHeader items, prints
/// MSHV_CREATE_PARTITION and sizeof(mshv_create_partition) and must agree with the C compiler, before and after
/// the header grows; a no-op rebuild does not rerun the scanner. Each run packs with its own prerelease version,
/// so the global packages folder never serves a stale package.
/// </summary>
public sealed class PackageConsumerTests
{
    private const string CProbe = """
        #include <stdio.h>
        #include <linux/ioctl.h>
        #include <linux/mshv.h>
        int main(void) { printf("%lu %zu\n", (unsigned long)MSHV_CREATE_PARTITION, sizeof(struct mshv_create_partition)); return 0; }
        """;

    [Fact]
    public void Packed_generator_builds_a_consumer_that_follows_header_edits()
    {
        using var feed = new TempFolder("mshv-feed-");
        using var consumer = new TempFolder("mshv-consumer-");
        string version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        try
        {
            BuildAndEditConsumer(feed, consumer, version);
        }
        finally
        {
            ForgetPackages(version);
        }
    }

    private static void BuildAndEditConsumer(TempFolder feed, TempFolder consumer, string version)
    {
        Pack("src/Mshv.Generator.Package", feed.Path, version);
        Pack("src/Mshv.Bindings", feed.Path, version);
        AssertGeneratorPackageLayout(Path.Combine(feed.Path, "Mshv.Generator." + version + ".nupkg"));

        string headers = consumer.CopyTree(RepoPaths.Headers, "uapi");
        WriteConsumer(consumer, feed.Path, version);

        DotnetCli.Build(consumer.Path).AssertSucceeded("first build of the consumer");
        Assert.Equal(CompilerSays(headers), Run(consumer));
        Assert.Empty(Directory.GetFiles(consumer.Combine("bin"), "libclang*", SearchOption.AllDirectories));

        string model = consumer.Combine("obj", "Debug", "net10.0", "mshv", "mshv.abi");
        DateTime scanned = File.GetLastWriteTimeUtc(model);
        DotnetResult noOp = DotnetCli.Build(consumer.Path, "-v:d").AssertSucceeded("no-op rebuild");
        Assert.Contains("Skipping target \"MshvScan\" because all output files are up-to-date", noOp.Output);
        Assert.DoesNotContain("Mshv: scanning", noOp.Output);
        Assert.Equal(scanned, File.GetLastWriteTimeUtc(model));
        // Same model, same options: the compiler (and with it the generator) does not run at all.
        Assert.Contains("Skipping target \"CoreCompile\" because all output files are up-to-date", noOp.Output);

        string before = CompilerSays(headers);
        GrowCreatePartition(Path.Combine(headers, "linux", "mshv.h"));
        string after = CompilerSays(headers);
        Assert.NotEqual(before, after);
        DotnetResult rebuild = DotnetCli.Build(consumer.Path, "-v:n").AssertSucceeded("rebuild after the header edit");
        Assert.Contains("Mshv: scanning", rebuild.Output);
        Assert.Equal(after, Run(consumer));
    }

    /// <summary>This run's versions are never asked for again: drop them from the global packages folder.</summary>
    private static void ForgetPackages(string version)
    {
        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in new[] { "mshv.generator", "mshv.bindings" })
        {
            string folder = Path.Combine(root, id, version);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static void Pack(string project, string feed, string version) =>
        DotnetCli.Run(RepoPaths.Root, "pack", RepoPaths.InRoot(project), "-o", feed, "-p:Version=" + version, "-nodeReuse:false")
            .AssertSucceeded("dotnet pack " + project);

    /// <summary>The analyzer, the tool and the build files are where NuGet and the targets look; libclang is a dependency, never inside.</summary>
    private static void AssertGeneratorPackageLayout(string package)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        string[] entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("analyzers/dotnet/cs/Mshv.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Mshv.Abi.dll", entries);
        Assert.Contains("tools/linux-x64/mshv", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("tools/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal));
        Assert.Contains("buildTransitive/Mshv.Generator.props", entries);
        Assert.Contains("buildTransitive/Mshv.Generator.targets", entries);
        Assert.DoesNotContain(entries, e => e.EndsWith(".so", StringComparison.Ordinal));
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        Assert.Contains("<dependency id=\"libclang.runtime.linux-x64\"", nuspec.ReadToEnd());
    }

    private static void WriteConsumer(TempFolder consumer, string feed, string version)
    {
        consumer.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        consumer.Write("Consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <!-- The namespace Mshv.Bindings used to export its own seed types into: they must not collide (CS0436/CS0101). -->
                <MshvNamespace>Mshv.Interop</MshvNamespace>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <MshvIncludeDirectories>uapi</MshvIncludeDirectories>
                <MshvPreludeIncludes>linux/ioctl.h</MshvPreludeIncludes>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Mshv.Generator" Version="{version}" PrivateAssets="all" />
                <PackageReference Include="Mshv.Bindings" Version="{version}" />
                <UapiHeader Include="uapi/linux/mshv.h;uapi/asm/hyperv-tlfs.h;uapi/asm-generic/hyperv-tlfs.h" />
              </ItemGroup>
            </Project>
            """);
        consumer.Write("Program.cs", """
            using System.Runtime.CompilerServices;
            using Mshv.Interop;

            // The package's own bindings (both ABIs) are usable beside the project's generated ones.
            _ = typeof(Mshv.Upstream.MshvRoot);
            _ = Unsafe.SizeOf<Mshv.Interop.Upstream.mshv_create_partition>() + Unsafe.SizeOf<Mshv.Interop.Rfc.mshv_create_partition>();
            System.Console.WriteLine(MshvConstants.MSHV_CREATE_PARTITION + " " + Unsafe.SizeOf<mshv_create_partition>());
            """);
    }

    private static string Run(TempFolder consumer) =>
        DotnetCli.Run(consumer.Path, consumer.Combine("bin", "Debug", "net10.0", "Consumer.dll")).AssertSucceeded("running the consumer").Output.Trim();

    private static string CompilerSays(string headers) => CCompiler.CompileAndRun(CProbe, new[] { "-I", headers }).Trim();

    /// <summary>A new member at the end: the struct grows, and so does the size _IOW encodes in the request.</summary>
    private static void GrowCreatePartition(string header)
    {
        string text = File.ReadAllText(header);
        const string End = "struct hv_partition_creation_properties partition_creation_properties;\n";
        Assert.Contains(End, text);
        File.WriteAllText(header, text.Replace(End, End + "\t__u64 e2e_added;\n"));
    }
}
