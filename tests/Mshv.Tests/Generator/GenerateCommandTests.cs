using System;
using System.IO;
using System.Linq;
using Mshv.Cli;
using Mshv.Tests.Generator.Support;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Scanner;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary><c>mshv generate</c>: the generator's files on disk, compiling on their own (net10.0, no Mshv.Bindings).</summary>
public sealed class GenerateCommandTests
{
    [Fact]
    public void Generated_files_for_a_small_header_compile_without_diagnostics()
    {
        using var headers = new TempHeaders();
        string header = headers.Write("small.h", "#include <linux/ioctl.h>\nstruct small { unsigned int a : 3; unsigned int b : 5; unsigned long c[2]; };\n#define SMALL_GET _IOR('s', 1, struct small)\n");
        string outDir = Path.Combine(headers.Directory, "generated");
        string[] files = Generate(outDir, "--header", header, "--namespace", "Small.Interop");
        Assert.Equal(new[] { "Small.Bindings.g.cs", "Small.Interop.FixedArrays.g.cs", "Small.Interop.IoctlSupportTypes.g.cs" }, files);
        Assert.Equal(new[] { "SmallConstants", "SmallIoctls", "SmallTarget", "small" }, GeneratedTypes.Names(File.ReadAllText(Path.Combine(outDir, "Small.Bindings.g.cs"))));
        Compile(outDir);
    }

    [Fact]
    public void Generated_files_for_linux_kvm_h_compile_without_diagnostics()
    {
        string outDir = Directory.CreateTempSubdirectory("mshv-generate-").FullName;
        try
        {
            string[] files = Generate(outDir, "--header", "linux/kvm.h", "--class-prefix", "Kvm");
            Assert.Contains("kvm_run", GeneratedTypes.Names(File.ReadAllText(Path.Combine(outDir, "Kvm.Bindings.g.cs"))));
            Compile(outDir);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public void Generate_from_a_model_writes_what_the_generator_emits_for_it()
    {
        string outDir = Directory.CreateTempSubdirectory("mshv-generate-").FullName;
        try
        {
            string[] files = Generate(outDir, "--model", RepoPaths.InRoot("headers", "mshv.abi"), "--namespace", "Mshv.Interop");
            string baselines = RepoPaths.InRoot("tests", "Mshv.Tests", "Baselines");
            foreach (string file in files)
            {
                Assert.Equal(File.ReadAllText(Path.Combine(baselines, "seed." + Path.GetFileNameWithoutExtension(file) + ".verified.cs")), File.ReadAllText(Path.Combine(outDir, file)));
            }

            Assert.Equal(Directory.GetFiles(baselines, "seed.*.verified.cs").Length, files.Length);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public void Generate_with_a_selection_writes_only_the_selected_names_and_what_they_need()
    {
        using var headers = new TempHeaders();
        string selection = headers.Write("sel.txt", "# one ioctl\nKVM_GET_REGS\n");
        string outDir = Path.Combine(headers.Directory, "generated");
        string[] files = Generate(outDir, "--header", "linux/kvm.h", "--selection", selection);
        // Outside any project the default namespace is Interop (ComposableGenerateTests).
        Assert.Equal(new[] { "Interop.IoctlSupportTypes.g.cs", "Kvm.Bindings.g.cs" }, files);
        Assert.Equal(
            new[] { "KvmConstants", "KvmFdKinds", "KvmIoctls", "KvmTarget", "kvm_regs" },
            GeneratedTypes.Names(File.ReadAllText(Path.Combine(outDir, "Kvm.Bindings.g.cs"))));
        Compile(outDir);
    }

    [Fact]
    public void Generate_with_an_unknown_selected_name_fails_at_its_line()
    {
        using var headers = new TempHeaders();
        string selection = headers.Write("sel.txt", "KVM_GET_REGS\nKVM_GET_REGZ\n");
        var error = new StringWriter();
        int exit = Program.Run(new[] { "generate", "--header", "linux/kvm.h", "--selection", selection, "--out", Path.Combine(headers.Directory, "g") }, new StringWriter(), error);
        Assert.Equal(1, exit);
        Assert.Contains(selection + ":2: error MSHV0006: 'KVM_GET_REGZ'", error.ToString());
    }

    [Fact]
    public void Generated_files_with_bindings_use_the_runtime_descriptors_so_its_ioctl_calls_accept_them()
    {
        using var headers = new TempHeaders();
        string outDir = Path.Combine(headers.Directory, "generated");
        string[] files = Generate(outDir, "--model", RepoPaths.SeedModel, "--namespace", "App.Interop", "--with-bindings");
        Assert.DoesNotContain(files, f => f.EndsWith("IoctlSupportTypes.g.cs", StringComparison.Ordinal));

        // A caller in the same compilation passes a generated descriptor to the runtime's typed ioctl.
        const string caller = """
            public static class Caller
            {
                public static int Create(Mshv.Runtime.FileDescriptorHandle device, in App.Interop.mshv_create_partition request) =>
                    device.Ioctl(App.Interop.MshvIoctls.MSHV_CREATE_PARTITION, in request);
            }
            """;
        var sources = Directory.GetFiles(outDir, "*.cs").Select(File.ReadAllText).Append(caller);
        var bindings = Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(Mshv.Runtime.FileDescriptorHandle).Assembly.Location);
        InMemoryCompilation.Load(InMemoryCompilation.Create(sources, new[] { bindings }));
    }

    [Fact]
    public void Outputs_for_several_headers_compile_together_in_one_project()
    {
        // Each header has an ioctl and inline arrays; two share one folder and namespace, the others have their own.
        using var headers = new TempHeaders();
        string root = Path.Combine(headers.Directory, "generated");
        var outputs = new[]
        {
            ("one", "One.Interop", "a"), ("two", "Two.Interop", "b"), ("three", "Shared.Interop", "shared"), ("four", "Shared.Interop", "shared"),
        };
        int n = 0;
        foreach ((string name, string ns, string folder) in outputs)
        {
            n++;
            string header = headers.Write(name + ".h",
                "struct " + name + "_args { unsigned char bytes[" + (n + 2) + "]; unsigned int words[2]; };\n"
                + "#define " + name.ToUpperInvariant() + "_GET _IOR('x', " + n + ", struct " + name + "_args)\n");
            Generate(Path.Combine(root, folder), "--header", header, "--namespace", ns);
        }

        string[] sources = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories);
        Assert.Equal(3, sources.Count(f => f.EndsWith("IoctlSupportTypes.g.cs", StringComparison.Ordinal)));
        InMemoryCompilation.Load(InMemoryCompilation.Create(sources.Select(File.ReadAllText)));
    }

    [Fact]
    public void Generate_needs_an_output_folder()
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(new[] { "generate", "--header", "linux/kvm.h" }, new StringWriter(), error));
        Assert.Contains("--out", error.ToString());
    }

    private static string[] Generate(string outDir, params string[] arguments)
    {
        var error = new StringWriter();
        int exit = Program.Run(new[] { "generate", "--out", outDir }.Concat(arguments).ToArray(), new StringWriter(), error);
        Assert.True(exit == 0, "mshv generate failed:\n" + error);
        return Directory.GetFiles(outDir).Select(f => Path.GetFileName(f)!).OrderBy(f => f, StringComparer.Ordinal).ToArray();
    }

    private static void Compile(string outDir) =>
        InMemoryCompilation.Load(InMemoryCompilation.Create(Directory.GetFiles(outDir, "*.cs").Select(File.ReadAllText)));
}
