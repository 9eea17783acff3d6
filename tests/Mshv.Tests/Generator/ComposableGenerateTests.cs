using System;
using System.IO;
using System.Linq;
using Mshv.Cli;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Scanner;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>
/// <c>mshv generate</c> outputs compose: one namespace in several folders shares one set of namespace-wide files
/// (<c>--shared-out</c>), and without <c>--namespace</c> the files get the namespace the build would give them in the
/// project they are written into (<c>$(RootNamespace).Interop</c>), which is never one of Mshv.Bindings'.
/// </summary>
public sealed class ComposableGenerateTests
{
    // Each header has an ioctl, inline arrays of its own lengths and a complex kind of its own, so every shared file
    // (support types, FixedArrayN, ComplexFloat/ComplexDouble) has to hold what all three need.
    private static readonly (string Name, string Complex)[] Headers = { ("one", "float"), ("two", "double"), ("three", "float") };

    [Fact]
    public void Outputs_of_one_namespace_in_several_folders_compile_together_with_one_shared_folder()
    {
        using var headers = new TempHeaders();
        string root = Path.Combine(headers.Directory, "generated");
        string shared = Path.Combine(root, "shared");
        GenerateAll(headers, root, "--namespace", "App.Interop", "--shared-out", shared);

        string[] sources = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories);
        Assert.Equal(
            new[] { "App.Interop.ComplexTypes.g.cs", "App.Interop.FixedArrays.g.cs", "App.Interop.IoctlSupportTypes.g.cs" },
            Directory.GetFiles(shared).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
        Assert.All(Headers, h => Assert.DoesNotContain(Directory.GetFiles(Path.Combine(root, h.Name)), f => f.Contains("App.Interop.", StringComparison.Ordinal)));
        InMemoryCompilation.Load(InMemoryCompilation.Create(sources.Select(File.ReadAllText).Append(Caller("App.Interop"))));
    }

    [Fact]
    public void Without_a_shared_folder_the_same_outputs_clash_which_is_what_shared_out_is_for()
    {
        using var headers = new TempHeaders();
        string root = Path.Combine(headers.Directory, "generated");
        GenerateAll(headers, root, "--namespace", "App.Interop");

        var diagnostics = InMemoryCompilation.Create(Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText)).GetDiagnostics();
        Assert.Contains(diagnostics, d => d.Id == "CS0101");
    }

    [Fact]
    public void Without_a_namespace_the_files_get_the_projects_root_namespace_dot_Interop()
    {
        using var headers = new TempHeaders();
        string project = Path.Combine(headers.Directory, "app");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "App.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><RootNamespace>My.App</RootNamespace></PropertyGroup></Project>\n");
        string header = headers.Write("one.h", Header("one", "float", 1));

        Generate(Path.Combine(project, "Interop", "one"), "--header", header);

        string ioctls = File.ReadAllText(Directory.GetFiles(Path.Combine(project, "Interop", "one"), "*.Bindings.g.cs").Single());
        Assert.Contains("namespace My.App.Interop", ioctls, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_a_project_the_default_namespace_is_Interop_which_Mshv_Bindings_never_declares()
    {
        using var headers = new TempHeaders();
        string outDir = Path.Combine(headers.Directory, "loose");
        string header = headers.Write("one.h", Header("one", "float", 1));

        Generate(outDir, "--header", header);

        string[] sources = Directory.GetFiles(outDir, "*.cs");
        Assert.Contains(sources, f => Path.GetFileName(f) == "Interop.IoctlSupportTypes.g.cs");
        Assert.DoesNotContain(
            typeof(Mshv.Runtime.FileDescriptorHandle).Assembly.GetTypes(),
            t => t.Namespace is "Interop" || (t.Namespace?.StartsWith("Interop.", StringComparison.Ordinal) ?? false));
        // Next to Mshv.Bindings, with its namespaces imported too: no CS0436 (a type of ours shadowing one of its), no
        // ambiguity, no warning.
        var bindings = Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(Mshv.Runtime.FileDescriptorHandle).Assembly.Location);
        string caller = "using Mshv.Ioctls;\nusing Mshv.Interop.Upstream;\nusing Interop;\n"
            + "namespace Caller;\npublic static class Uses\n{\n    public static int Size() => System.Runtime.CompilerServices.Unsafe.SizeOf<one_args>();\n}\n";
        InMemoryCompilation.Load(InMemoryCompilation.Create(sources.Select(File.ReadAllText).Append(caller), new[] { bindings }));
    }

    private static void GenerateAll(TempHeaders headers, string root, params string[] options)
    {
        int n = 0;
        foreach ((string name, string complex) in Headers)
        {
            n++;
            string header = headers.Write(name + ".h", Header(name, complex, n));
            Generate(Path.Combine(root, name), new[] { "--header", header }.Concat(options).ToArray());
        }
    }

    private static string Header(string name, string complex, int n) =>
        "#include <linux/ioctl.h>\n"
        + "struct " + name + "_args { unsigned char bytes[" + (n + 2) + "]; unsigned int words[2]; " + complex + " _Complex z; };\n"
        + "#define " + name.ToUpperInvariant() + "_GET _IOR('x', " + n + ", struct " + name + "_args)\n";

    /// <summary>Uses one type of each output, so the compile binds them all.</summary>
    private static string Caller(string ns) =>
        "namespace Caller;\npublic static class Uses\n{\n"
        + "    public static int Sizes() => System.Runtime.CompilerServices.Unsafe.SizeOf<global::" + ns + ".one_args>()"
        + " + System.Runtime.CompilerServices.Unsafe.SizeOf<global::" + ns + ".two_args>()"
        + " + System.Runtime.CompilerServices.Unsafe.SizeOf<global::" + ns + ".three_args>();\n}\n";

    private static void Generate(string outDir, params string[] arguments)
    {
        var error = new StringWriter();
        int exit = Program.Run(new[] { "generate", "--out", outDir }.Concat(arguments).ToArray(), new StringWriter(), error);
        Assert.True(exit == 0, "mshv generate failed:\n" + error);
    }
}
