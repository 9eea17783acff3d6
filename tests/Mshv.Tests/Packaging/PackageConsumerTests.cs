using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Packaging;

/// <summary>
/// A user's project built from the packed packages: it lists the vendored seed headers as UapiHeader items, prints
/// MSHV_CREATE_PARTITION and sizeof(mshv_create_partition) and must agree with the C compiler, before and after
/// the header grows; a no-op rebuild does not rerun the scanner; the ABI gate runs the package's native tool (the
/// growth is MSHV2001 until accepted). The packages come from <see cref="PackedFeed"/>.
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
        PackedFeed feed = PackedFeed.Instance;
        AssertGeneratorPackageLayout(feed.Package("Mshv.Generator"));
        using PackageConsumer consumer = feed.NewConsumer();
        string headers = consumer.Folder.CopyTree(RepoPaths.Headers, "uapi");
        WriteConsumer(consumer);

        DotnetResult first = consumer.Build().AssertSucceeded("first build of the consumer");
        Assert.Contains("warning MSHV2003", first.Output);
        Assert.True(File.Exists(consumer.Folder.Combine("abi", "mshv.x86_64-unknown-linux-gnu.abi")), "the ABI baseline was not written");
        Assert.Equal(CompilerSays(headers), consumer.Run().Output.Trim());
        Assert.Empty(Directory.GetFiles(consumer.Folder.Combine("bin"), "libclang*", SearchOption.AllDirectories));

        string model = consumer.Folder.Combine("obj", "Debug", "net10.0", "mshv", "mshv.abi");
        DateTime scanned = File.GetLastWriteTimeUtc(model);
        DotnetResult noOp = consumer.Build("--no-restore", "-v:d").AssertSucceeded("no-op rebuild");
        BuildTimeIncrementalTests.AssertScannedNothing(noOp);
        Assert.Equal(scanned, File.GetLastWriteTimeUtc(model));
        // Same model, same options: the compiler (and with it the generator) does not run at all.
        Assert.Contains("Skipping target \"CoreCompile\" because all output files are up-to-date", noOp.Output);

        string before = CompilerSays(headers);
        GrowCreatePartition(Path.Combine(headers, "linux", "mshv.h"));
        string after = CompilerSays(headers);
        Assert.NotEqual(before, after);
        DotnetResult gated = consumer.Build("--no-restore", "-v:n");
        Assert.NotEqual(0, gated.ExitCode);
        Assert.Contains("Mshv: scanning", gated.Output);
        Assert.Contains(Path.Combine(headers, "linux", "mshv.h") + "(", gated.Output);
        Assert.Contains("error MSHV2001: struct mshv_create_partition [record-size-changed]", gated.Output);
        consumer.Build("--no-restore", "-p:MshvAcceptAbi=true").AssertSucceeded("rebuild accepting the header edit");
        Assert.Equal(after, consumer.Run().Output.Trim());
    }

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
        // The no-op check's task: ahead-of-time code for the .NET SDK's MSBuild (a JIT-compiled task would cost the no-op
        // build what it saves), IL for MSBuild on .NET Framework.
        Assert.True(HasReadyToRunCode(zip, "tasks/net10.0/Mshv.Build.Tasks.dll"), "the net10.0 task is ReadyToRun");
        Assert.False(HasReadyToRunCode(zip, "tasks/netstandard2.0/Mshv.Build.Tasks.dll"), "the netstandard2.0 task is IL");
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        Assert.Contains("<dependency id=\"libclang.runtime.linux-x64\"", nuspec.ReadToEnd());
    }

    /// <summary>
    /// Whether the assembly carries compiled methods: a ReadyToRun header alone does not say so (crossgen2 writes an
    /// image with no code when it cannot resolve what the methods use), its RuntimeFunctions section does.
    /// </summary>
    private static bool HasReadyToRunCode(ZipArchive zip, string entry)
    {
        using var bytes = new MemoryStream();
        using (Stream stream = zip.GetEntry(entry)?.Open() ?? throw new InvalidOperationException(entry + " is not in the package"))
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        using var pe = new PEReader(bytes);
        DirectoryEntry native = pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory;
        if (native.Size == 0)
        {
            return false;
        }

        // READYTORUN_HEADER: Signature "RTR", major, minor, flags, number of sections; then (type, RVA, size) each.
        PEMemoryBlock header = pe.GetSectionData(native.RelativeVirtualAddress);
        BlobReader reader = header.GetReader();
        Assert.Equal(0x00525452u, reader.ReadUInt32());
        reader.Offset += 8;
        int sections = reader.ReadInt32();
        for (int i = 0; i < sections; i++)
        {
            int type = reader.ReadInt32();
            reader.Offset += 4;
            int size = reader.ReadInt32();
            if (type == 102)
            {
                return size > 0;
            }
        }

        return false;
    }

    private static void WriteConsumer(PackageConsumer consumer) => consumer.Write(
        """
            <!-- The namespace Mshv.Bindings used to export its own seed types into: they must not collide (CS0436/CS0101). -->
            <MshvNamespace>Mshv.Interop</MshvNamespace>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <MshvIncludeDirectories>uapi</MshvIncludeDirectories>
            <MshvPreludeIncludes>linux/ioctl.h</MshvPreludeIncludes>
            <MshvAbiBaseline>abi/mshv.abi</MshvAbiBaseline>
        """,
        """<UapiHeader Include="uapi/linux/mshv.h;uapi/asm/hyperv-tlfs.h;uapi/asm-generic/hyperv-tlfs.h" />""",
        """
            using System.Runtime.CompilerServices;
            using Mshv.Interop;

            // The package's own bindings (both ABIs) are usable beside the project's generated ones.
            _ = typeof(Mshv.Upstream.MshvRoot);
            _ = Unsafe.SizeOf<Mshv.Interop.Upstream.mshv_create_partition>() + Unsafe.SizeOf<Mshv.Interop.Rfc.mshv_create_partition>();
            System.Console.WriteLine(MshvConstants.MSHV_CREATE_PARTITION + " " + Unsafe.SizeOf<mshv_create_partition>());
            """);

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
