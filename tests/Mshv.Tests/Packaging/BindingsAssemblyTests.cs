using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Threading.Tasks;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Packaging;

/// <summary>
/// MshvBindingsCompile=Assembly (the default): the generated bindings compiled into NAME.Mshv.Interop.dll when the
/// model or another of its inputs changes, referenced by the project instead of compiled in every build.
/// </summary>
public sealed class BindingsAssemblyTests
{
    private const string CProbe = """
        #include <stdio.h>
        #include <outer.h>
        int main(void) { printf("%zu\n", sizeof(struct outer)); return 0; }
        """;

    [Fact]
    public void A_CSharp_edit_compiles_none_of_the_bindings_and_a_header_or_option_change_rebuilds_them()
    {
        using var project = new TempFolder("mshv-bindasm-");
        project.Write("include/outer.h", "#include <inner.h>\n#define OUTER_MAGIC 7\nstruct outer { struct inner i; int tail; };\n");
        string inner = project.Write("include/inner.h", "/* the inner part */\nstruct inner { int a; };\n");
        // Mshv.Bindings referenced too, as the package references it: two copy-local assemblies.
        string runtime = Path.Combine(AppContext.BaseDirectory, "Mshv.Bindings.dll");
        InRepoConsumer.Write(project, "<MshvIncludeDirectories>include</MshvIncludeDirectories>\n<AllowUnsafeBlocks>true</AllowUnsafeBlocks>",
            $"""<UapiHeader Include="include/outer.h" /><Reference Include="{runtime}" />""", Program("first"));
        string bindings = project.Combine("obj", "Debug", "net10.0", "mshv", "bindings", "Consumer.Mshv.Interop.dll");

        Assert.Contains("Mshv: compiling the bindings", Build(project).Output);
        Assert.Equal(CompilerSays(project) + " first", Run(project));
        // Deployed beside the program and listed in deps.json; its documentation (the kernel's comments) beside the
        // assembly the project compiles against, where IntelliSense reads it; its PDB embedded, with the generated source.
        Assert.True(File.Exists(project.Combine("bin", "Debug", "net10.0", "Consumer.Mshv.Interop.dll")));
        Assert.Contains("<member name=\"T:Consumer.Interop.outer\">", File.ReadAllText(Path.ChangeExtension(bindings, ".xml")));
        Assert.Contains(EmbeddedPdbDocuments(project.Combine("bin", "Debug", "net10.0", "Consumer.Mshv.Interop.dll")),
            document => document.EndsWith(".g.cs", StringComparison.Ordinal));
        Assert.Contains("\"Consumer.Mshv.Interop\"", File.ReadAllText(project.Combine("bin", "Debug", "net10.0", "Consumer.deps.json")));
        // The program's own assembly declares none of the bindings; the bindings assembly all of them.
        Assert.DoesNotContain("Consumer.Interop.outer", TypeNames(project.Combine("obj", "Debug", "net10.0", "Consumer.dll")));
        Assert.Contains("Consumer.Interop.OuterConstants", TypeNames(bindings));
        Guid built = Mvid(bindings);
        DateTime written = File.GetLastWriteTimeUtc(bindings);

        // A C#-only edit: the program is recompiled, the bindings are not (same file, same MVID).
        project.Write("Program.cs", Program("second"));
        DotnetResult edit = Build(project);
        Assert.Contains("Skipping target \"MshvCompileBindings\" because all output files are up-to-date", edit.Output);
        Assert.DoesNotContain("Mshv: compiling the bindings", edit.Output);
        Assert.Equal(CompilerSays(project) + " second", Run(project));
        Assert.Equal(built, Mvid(bindings));
        Assert.Equal(written, File.GetLastWriteTimeUtc(bindings));

        // The bindings assembly reaches the output by a copy of its own, not by the SDK's copy of the copy-local files
        // (whose Copy goes parallel from two files on): deleted from the output, it is back after the next build.
        string deployed = project.Combine("bin", "Debug", "net10.0", "Consumer.Mshv.Interop.dll");
        File.Delete(deployed);
        DotnetResult redeploy = Build(project);
        Assert.True(File.Exists(deployed), "the next build deploys the bindings assembly again");
        Assert.Equal(written, File.GetLastWriteTimeUtc(bindings));
        Assert.Contains("Consumer.Mshv.Interop.dll", TargetLog(redeploy.Output, "_MshvCopyBindingsToOutput"));
        string copyLocal = TargetLog(redeploy.Output, "_CopyFilesMarkedCopyLocal");
        Assert.Contains("Mshv.Bindings.dll", copyLocal);
        Assert.DoesNotContain("Consumer.Mshv.Interop.dll", copyLocal);
        Assert.Equal(CompilerSays(project) + " second", Run(project));

        // A header the model reads changes: the bindings are rebuilt, and the layout is the C compiler's again.
        string before = CompilerSays(project);
        File.WriteAllText(inner, "struct inner { int a; long long grown[3]; };\n");
        Assert.NotEqual(before, CompilerSays(project));
        Assert.Contains("Mshv: compiling the bindings", Build(project).Output);
        Assert.Equal(CompilerSays(project) + " second", Run(project));
        Assert.NotEqual(built, Mvid(bindings));
        Guid grown = Mvid(bindings);

        // An option only the bindings read (the class prefix): rebuilt, with the new class name.
        Assert.Contains("Mshv: compiling the bindings", Build(project, "-p:MshvClassPrefix=Renamed").Output);
        Assert.Contains("Consumer.Interop.RenamedConstants", TypeNames(bindings));
        Assert.DoesNotContain("Consumer.Interop.OuterConstants", TypeNames(bindings));
        Assert.NotEqual(grown, Mvid(bindings));

        // Asked for, the generated C# is written beside the bindings assembly.
        Build(project, "-p:MshvClassPrefix=Renamed", "-p:EmitCompilerGeneratedFiles=true");
        Assert.Single(Directory.GetFiles(project.Combine("obj", "Debug", "net10.0", "mshv", "bindings", "generated"), "Renamed.Bindings.g.cs", SearchOption.AllDirectories));

        // A selection file is an input too: adding one rebuilds, and so does changing only its lines (nothing else).
        string selection = project.Write("selection.txt", "outer\nOUTER_MAGIC\n");
        InRepoConsumer.Write(project, "<MshvIncludeDirectories>include</MshvIncludeDirectories>\n<AllowUnsafeBlocks>true</AllowUnsafeBlocks>",
            $"""<UapiHeader Include="include/outer.h" /><MshvSelection Include="selection.txt" /><Reference Include="{runtime}" />""",
            Program("second"));
        Assert.Contains("Mshv: compiling the bindings", Build(project, "-p:MshvClassPrefix=Renamed").Output);
        Assert.Contains("OUTER_MAGIC", FieldNames(bindings));
        Guid selected = Mvid(bindings);
        File.WriteAllText(selection, "outer\n");
        Assert.Contains("Mshv: compiling the bindings", Build(project, "-p:MshvClassPrefix=Renamed").Output);
        Assert.DoesNotContain("OUTER_MAGIC", FieldNames(bindings));
        Assert.Contains("Consumer.Interop.outer", TypeNames(bindings));
        Assert.NotEqual(selected, Mvid(bindings));
        // An older copy of another selection (cp -p): older than the assembly, so by content, not by time.
        File.WriteAllText(selection, "outer\nOUTER_MAGIC\n");
        File.SetLastWriteTimeUtc(selection, DateTime.UtcNow.AddHours(-1));
        Assert.Contains("Mshv: compiling the bindings", Build(project, "-p:MshvClassPrefix=Renamed").Output);
        Assert.Contains("OUTER_MAGIC", FieldNames(bindings));

        DotnetCli.Run(project.Path, "clean", "-nodeReuse:false").AssertSucceeded("dotnet clean");
        Assert.False(File.Exists(bindings), "dotnet clean deletes the bindings assembly");

        // A partial declaration cannot extend a type of the bindings assembly; it would shadow it with an empty struct.
        project.Write("Extension.cs", "namespace Consumer.Interop;\npublic partial struct outer { public int Extra => 1; }\n");
        DotnetResult shadowed = DotnetCli.Build(project.Path);
        Assert.NotEqual(0, shadowed.ExitCode);
        Assert.Contains("error CS0436: The type 'outer'", shadowed.Output);
    }

    [Fact]
    public async Task Both_modes_emit_the_same_types_names_and_layouts_for_kvm()
    {
        static (TempFolder Project, string Assembly) BuildIn(string mode, string assemblyFile)
        {
            var project = new TempFolder("mshv-bindmode-");
            InRepoConsumer.Write(project, $"<AllowUnsafeBlocks>true</AllowUnsafeBlocks>\n<MshvBindingsCompile>{mode}</MshvBindingsCompile>",
                """<UapiHeader Include="linux/kvm.h;asm/kvm.h" />""",
                "System.Console.WriteLine(System.Runtime.CompilerServices.Unsafe.SizeOf<Consumer.Interop.kvm_regs>());\n");
            DotnetCli.Build(project.Path).AssertSucceeded("build in " + mode + " mode");
            return (project, project.Combine("obj", "Debug", "net10.0", assemblyFile));
        }

        Task<(TempFolder Project, string Assembly)> source = Task.Run(() => BuildIn("Source", "Consumer.dll"));
        Task<(TempFolder Project, string Assembly)> assembly = Task.Run(() => BuildIn("Assembly", Path.Combine("mshv", "bindings", "Consumer.Mshv.Interop.dll")));
        (TempFolder sourceProject, string sourceAssembly) = await source;
        (TempFolder assemblyProject, string assemblyAssembly) = await assembly;
        using TempFolder sourceFolder = sourceProject;
        using TempFolder assemblyFolder = assemblyProject;

        string[] inSource = Shapes(sourceAssembly).Where(s => s.StartsWith("Consumer.Interop.", StringComparison.Ordinal)).ToArray();
        string[] inAssembly = Shapes(assemblyAssembly).Where(s => s.StartsWith("Consumer.Interop.", StringComparison.Ordinal)).ToArray();
        Assert.True(inSource.Length > 1000, "kvm's bindings declare 202 records with their fields: " + inSource.Length);
        Assert.Equal(inSource, inAssembly);
    }

    [Fact]
    public void A_library_packs_and_publishes_its_bindings_and_an_app_referencing_it_runs_on_them()
    {
        using var solution = new TempFolder("mshv-bindlib-");
        string bindings = Path.Combine(AppContext.BaseDirectory, "Mshv.Bindings.dll");
        solution.Write("include/dev.h", "/** struct dev_args - what the device reports */\nstruct dev_args { int id; long long size; };\n#define DEV_GET _IOR('d', 1, struct dev_args)\n");
        foreach (string lib in new[] { "LibA", "LibB" })
        {
            // Two libraries binding the same header: their bindings assemblies (and namespaces) must not collide.
            InRepoConsumer.WriteProject(solution, lib, "Library", "<MshvIncludeDirectories>../include</MshvIncludeDirectories>",
                $"""<UapiHeader Include="../include/dev.h" /><Reference Include="{bindings}" />""",
                $"namespace {lib}; public static class Api {{ public static int Size => System.Runtime.CompilerServices.Unsafe.SizeOf<{lib}.Interop.dev_args>(); }}\n");
        }

        string app = InRepoConsumer.WriteProject(solution, "App", "Exe", string.Empty,
            $"""<ProjectReference Include="../LibA/LibA.csproj" /><ProjectReference Include="../LibB/LibB.csproj" /><Reference Include="{bindings}" />""",
            // The library's generated types are part of its API: the app compiles against them too.
            "System.Console.WriteLine(LibA.Api.Size + \" \" + LibB.Api.Size + \" \" + System.Runtime.CompilerServices.Unsafe.SizeOf<LibA.Interop.dev_args>() + \" \" + LibA.Interop.DevIoctls.DEV_GET);\n");

        string published = solution.Combine("published");
        DotnetCli.Run(app, "publish", "-nodeReuse:false", "-o", published).AssertSucceeded("dotnet publish of the app");
        // gcc says what the three sizes and the request are.
        string[] c = CCompiler.CompileAndRun(
            "#include <stdio.h>\n#include <linux/ioctl.h>\n#include \"dev.h\"\nint main(void) { printf(\"%zu 0x%08X\", sizeof(struct dev_args), (unsigned)DEV_GET); return 0; }\n",
            new[] { "-I", solution.Combine("include") }).Trim().Split(' ');
        string expected = c[0] + " " + c[0] + " " + c[0] + " DEV_GET (" + c[1] + ")";
        Assert.Equal(expected, DotnetCli.Run(app, Path.Combine(app, "bin", "Release", "net10.0", "App.dll")).AssertSucceeded("running the built app").Output.Trim());
        Assert.Equal(expected, DotnetCli.Run(published, Path.Combine(published, "App.dll")).AssertSucceeded("running the published app").Output.Trim());
        string deps = File.ReadAllText(Path.Combine(published, "App.deps.json"));
        foreach (string lib in new[] { "LibA", "LibB" })
        {
            Assert.True(File.Exists(Path.Combine(published, lib + ".Mshv.Interop.dll")), lib + "'s bindings are published");
            Assert.Contains("\"" + lib + ".Mshv.Interop.dll\"", deps);
        }

        DotnetCli.Run(solution.Combine("LibA"), "pack", "-nodeReuse:false", "-o", solution.Combine("feed")).AssertSucceeded("dotnet pack of the library");
        using ZipArchive package = ZipFile.OpenRead(Directory.GetFiles(solution.Combine("feed"), "LibA.*.nupkg").Single());
        string[] entries = package.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("lib/net10.0/LibA.dll", entries);
        Assert.Contains("lib/net10.0/LibA.Mshv.Interop.dll", entries);
        Assert.Contains("lib/net10.0/LibA.Mshv.Interop.xml", entries);
    }

    [Theory]
    [InlineData("Source")]
    [InlineData("Assembly")]
    public void A_bad_model_is_one_located_generator_error(string mode)
    {
        using var project = new TempFolder("mshv-bindbad-");
        project.Write("h/dev.h", "struct dev { int a; };\n");
        // No scan: the checked-in baseline is the model, and this one is not a model.
        project.Write("abi/dev.x86_64-unknown-linux-gnu.abi", "mshv-abi 1\nrecord dev size=banana\n");
        InRepoConsumer.Write(project, $"<MshvScan>false</MshvScan><MshvAbiBaseline>abi/dev.abi</MshvAbiBaseline><MshvBindingsCompile>{mode}</MshvBindingsCompile>",
            """<UapiHeader Include="h/dev.h" />""", "System.Console.WriteLine(System.Runtime.CompilerServices.Unsafe.SizeOf<Consumer.Interop.dev>());\n");
        DotnetResult build = DotnetCli.Build(project.Path);
        Assert.NotEqual(0, build.ExitCode);
        string[] errors = build.Output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToArray();
        Assert.Single(errors, e => System.Text.RegularExpressions.Regex.IsMatch(e, @"dev\.abi\(\d+(,\d+)?\): error MSHV0001:"));
        if (mode == "Assembly")
        {
            // The bindings failed to compile, so the program's compilation never runs: no CS0246 for each use of a type.
            Assert.True(errors.Length == 1, "one error, got:\n" + string.Join("\n", errors));
        }
    }

    private static string Program(string word) =>
        "System.Console.WriteLine(System.Runtime.CompilerServices.Unsafe.SizeOf<Consumer.Interop.outer>() + \" " + word + "\");\n";

    private static DotnetResult Build(TempFolder project, params string[] extra) =>
        DotnetCli.Build(project.Path, ["-v:d", .. extra]).AssertSucceeded("dotnet build");

    /// <summary>What a detailed build log says inside one target (empty when the target did not run).</summary>
    private static string TargetLog(string output, string target)
    {
        int start = output.IndexOf("Target \"" + target + "\" in file", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        int end = output.IndexOf("Done building target \"" + target + "\"", start, StringComparison.Ordinal);
        return end < 0 ? output[start..] : output[start..end];
    }

    private static string Run(TempFolder project) =>
        DotnetCli.Run(project.Path, project.Combine("bin", "Debug", "net10.0", "Consumer.dll")).AssertSucceeded("running the consumer").Output.Trim();

    private static string CompilerSays(TempFolder project) =>
        CCompiler.CompileAndRun(CProbe, new[] { "-I", project.Combine("include") }).Trim();

    private static Guid Mvid(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        MetadataReader reader = pe.GetMetadataReader();
        return reader.GetGuid(reader.GetModuleDefinition().Mvid);
    }

    /// <summary>The source documents of the PDB embedded in <paramref name="assembly"/> (none when it has no such PDB).</summary>
    private static string[] EmbeddedPdbDocuments(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        DebugDirectoryEntry[] embedded = pe.ReadDebugDirectory().Where(entry => entry.Type == DebugDirectoryEntryType.EmbeddedPortablePdb).ToArray();
        if (embedded.Length == 0)
            return Array.Empty<string>();
        using MetadataReaderProvider pdb = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded[0]);
        MetadataReader reader = pdb.GetMetadataReader();
        return reader.Documents.Select(handle => reader.GetString(reader.GetDocument(handle).Name)).ToArray();
    }

    private static string[] TypeNames(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        MetadataReader reader = pe.GetMetadataReader();
        return reader.TypeDefinitions.Select(h => reader.GetTypeDefinition(h)).Select(t => reader.GetString(t.Namespace) + "." + reader.GetString(t.Name)).ToArray();
    }

    private static string[] FieldNames(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        MetadataReader reader = pe.GetMetadataReader();
        return reader.FieldDefinitions.Select(h => reader.GetString(reader.GetFieldDefinition(h).Name)).ToArray();
    }

    /// <summary>Every type (attributes, size, packing), field (type, offset, constant) and method (signature), sorted.</summary>
    private static string[] Shapes(string assembly)
    {
        var context = new AssemblyLoadContext("shapes", isCollectible: true);
        try
        {
            const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            var shapes = new List<string>();
            foreach (Type type in context.LoadFromAssemblyPath(assembly).GetTypes())
            {
                shapes.Add($"{type.FullName} {type.Attributes} size={type.StructLayoutAttribute?.Size} pack={type.StructLayoutAttribute?.Pack}");
                foreach (FieldInfo field in type.GetFields(Declared))
                {
                    object? constant = field.IsLiteral ? field.GetRawConstantValue() : null;
                    shapes.Add($"{type.FullName}.{field.Name} {field.Attributes} {field.FieldType} offset={field.GetCustomAttribute<FieldOffsetAttribute>()?.Value} const={constant}");
                }

                shapes.AddRange(type.GetMethods(Declared).Select(m => $"{type.FullName}::{m} {m.Attributes}"));
                shapes.AddRange(type.GetProperties(Declared).Select(p => $"{type.FullName}::{p}"));
            }

            return shapes.Order(StringComparer.Ordinal).ToArray();
        }
        finally
        {
            context.Unload();
        }
    }
}
