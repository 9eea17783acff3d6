using System.IO;
using System.Linq;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Packaging;

/// <summary>
/// When MshvScan reruns: a header that a listed header includes (known only from the last scan's dependency file)
/// and the options are inputs; nothing else is. The program prints the generated sizeof, compared with cc's.
/// </summary>
public sealed class BuildTimeIncrementalTests
{
    private const string Program = """
        System.Console.WriteLine(System.Runtime.CompilerServices.Unsafe.SizeOf<Consumer.Interop.outer>());
        """;

    private const string CProbe = """
        #include <stdio.h>
        #include <outer.h>
        int main(void) { printf("%zu\n", sizeof(struct outer)); return 0; }
        """;

    /// <summary>
    /// A -v:d build that scanned nothing: either the whole pipeline was skipped (every watched file as it was: no step
    /// of it ran, not even MshvPrepareScan) or, within a few seconds of a write (the racily-clean rule), the scan's own
    /// up-to-date check found the model current.
    /// </summary>
    internal static void AssertScannedNothing(DotnetResult build)
    {
        Assert.DoesNotContain("Mshv: scanning", build.Output);
        Assert.True(
            !build.Output.Contains("Target \"MshvPrepareScan\"", System.StringComparison.Ordinal)
            || build.Output.Contains("Skipping target \"_MshvFindStaleModel\" because all output files are up-to-date", System.StringComparison.Ordinal),
            "the build neither skipped the pipeline nor found the model up to date");
    }

    /// <summary>A -v:d build that skipped the whole pipeline after its up-to-date check.</summary>
    private static void AssertSkippedThePipeline(DotnetResult build)
    {
        Assert.Contains("Target \"_MshvCheckUpToDate\"", build.Output);
        Assert.DoesNotContain("Target \"MshvPrepareScan\"", build.Output);
        Assert.DoesNotContain("Target \"MshvPrepareBindingsAssembly\"", build.Output);
        Assert.DoesNotContain("Task \"GetFileHash\"", build.Output);
    }

    [Fact]
    public void Editing_an_included_header_rescans_and_a_no_op_build_does_not()
    {
        using var project = new TempFolder("mshv-incr-");
        project.Write("include/outer.h", "#include <inner.h>\nstruct outer { struct inner i; int tail; };\n");
        string inner = project.Write("include/inner.h", "struct inner { int a; };\n");
        InRepoConsumer.Write(project, "<MshvIncludeDirectories>include</MshvIncludeDirectories>\n<AllowUnsafeBlocks>true</AllowUnsafeBlocks>", """<UapiHeader Include="include/outer.h" />""", Program);

        Assert.Contains("Mshv: scanning", Build(project).Output);
        Assert.Equal(CompilerSays(project), Run(project));

        DotnetResult noOp = Build(project);
        AssertScannedNothing(noOp);

        File.WriteAllText(inner, "struct inner { int a; long long grown[3]; };\n");
        string grown = CompilerSays(project);
        Assert.Contains("Mshv: scanning", Build(project).Output);
        Assert.Equal(grown, Run(project));
    }

    [Fact]
    public void A_header_replaced_by_an_older_copy_of_the_same_size_rescans_after_a_build_that_skipped_hashing()
    {
        using var project = new TempFolder("mshv-incr-");
        string outer = project.Write("include/outer.h", "#include <inner.h>\nstruct outer { struct inner i; int tail; };\n");
        string inner = project.Write("include/inner.h", "struct inner { int a[1]; };\n");
        // Headers written minutes before the scan: it stamps them, and the next build hashes nothing (a header written
        // in the last seconds is hashed by the next build instead, which then stamps it).
        System.DateTime minutesAgo = System.DateTime.UtcNow.AddMinutes(-5);
        File.SetLastWriteTimeUtc(outer, minutesAgo);
        File.SetLastWriteTimeUtc(inner, minutesAgo);
        InRepoConsumer.Write(project, "<MshvIncludeDirectories>include</MshvIncludeDirectories>\n<AllowUnsafeBlocks>true</AllowUnsafeBlocks>", """<UapiHeader Include="include/outer.h" />""", Program);
        Assert.Contains("Mshv: scanning", Build(project).Output);

        DotnetResult stamped = Build(project);
        Assert.DoesNotContain("Task \"GetFileHash\"", stamped.Output);
        AssertScannedNothing(stamped);

        // What `cp -p` of an older copy (or tar, rsync -t) does: other bytes of the same length, an older timestamp.
        File.WriteAllText(inner, "struct inner { int a[9]; };\n");
        File.SetLastWriteTimeUtc(inner, new System.DateTime(2001, 1, 1, 0, 0, 0, System.DateTimeKind.Utc));
        string grown = CompilerSays(project);

        DotnetResult rebuilt = Build(project);
        Assert.Contains("Task \"GetFileHash\"", rebuilt.Output);
        Assert.Contains("Mshv: scanning", rebuilt.Output);
        Assert.Equal(grown, Run(project));
    }

    [Fact]
    public void A_no_op_build_skips_the_whole_pipeline_and_a_touched_header_is_hashed_not_rescanned()
    {
        using var project = new TempFolder("mshv-incr-");
        // Two headers whose names differ only in case (as uapi's xt_CONNMARK.h and xt_connmark.h): both are watched.
        string outer = project.Write("include/outer.h", "#include <Inner.h>\n#include <inner.h>\nstruct outer { struct inner i; int tail; };\n");
        string upper = project.Write("include/Inner.h", "#define INNER_UPPER 1\n");
        string inner = project.Write("include/inner.h", "struct inner { int a; };\n");
        System.DateTime minutesAgo = System.DateTime.UtcNow.AddMinutes(-5);
        foreach (string header in new[] { outer, upper, inner })
        {
            File.SetLastWriteTimeUtc(header, minutesAgo);
        }

        InRepoConsumer.Write(project, "<MshvIncludeDirectories>include</MshvIncludeDirectories>\n<AllowUnsafeBlocks>true</AllowUnsafeBlocks>", """<UapiHeader Include="include/outer.h" />""", Program);
        Assert.Contains("Mshv: scanning", Build(project).Output);
        // The restore of that first build wrote the assets file seconds ago: a build records what it was made from only
        // when no input was written in the last 3 s. As if the developer had paused: the next build records it.
        File.SetLastWriteTimeUtc(project.Combine("obj", "project.assets.json"), minutesAgo);
        Assert.DoesNotContain("Mshv: scanning", Build(project).Output);

        string[] mshvFiles = MshvFiles(project);
        AssertSkippedThePipeline(Build(project));
        // Every file Mshv wrote is still on the project's list of its own: an incremental clean deleted none of them.
        Assert.Equal(mshvFiles, MshvFiles(project));
        Assert.Equal(CompilerSays(project), Run(project));

        // A touch is another time, here newer than the model (as after a checkout of the same content): the headers
        // are hashed, found unchanged, and nothing is scanned or compiled.
        // (Just after the model: a time of the last seconds would be racily clean, and record nothing.)
        string model = Directory.GetFiles(project.Combine("obj"), "outer.abi", SearchOption.AllDirectories)[0];
        File.SetLastWriteTimeUtc(inner, File.GetLastWriteTimeUtc(model).AddTicks(1));
        DotnetResult touched = Build(project);
        Assert.Contains("Task \"GetFileHash\"", touched.Output);
        Assert.DoesNotContain("Mshv: scanning", touched.Output);
        Assert.Contains("Skipping target \"MshvCompileBindings\" because all output files are up-to-date", touched.Output);
        AssertSkippedThePipeline(Build(project));

        // A deleted output is another watched time: the pipeline runs and makes it again.
        File.Delete(Directory.GetFiles(project.Combine("obj"), "Consumer.Mshv.Interop.dll", SearchOption.AllDirectories)[0]);
        Assert.Contains("Mshv: compiling the bindings", Build(project).Output);
        Assert.Equal(CompilerSays(project), Run(project));
        File.Delete(Directory.GetFiles(project.Combine("obj"), "Consumer.Mshv.Interop.xml", SearchOption.AllDirectories)[0]);
        Assert.Contains("Mshv: compiling the bindings", Build(project).Output);
        // The list of what the model was made from, deleted: scanned again (else no header would be watched any more).
        File.Delete(Directory.GetFiles(project.Combine("obj"), "outer.abi.deps", SearchOption.AllDirectories)[0]);
        Assert.Contains("Mshv: scanning", Build(project).Output);
        Assert.Single(Directory.GetFiles(project.Combine("obj"), "outer.abi.deps", SearchOption.AllDirectories));

        // An edit after a build that skipped the pipeline: rescanned, and the program follows cc.
        File.SetLastWriteTimeUtc(project.Combine("obj", "project.assets.json"), minutesAgo);
        Build(project);
        AssertSkippedThePipeline(Build(project));
        File.WriteAllText(inner, "struct inner { int a; long long grown[5]; };\n");
        File.SetLastWriteTimeUtc(inner, minutesAgo.AddMinutes(1));
        string grown = CompilerSays(project);
        Assert.Contains("Mshv: scanning", Build(project).Output);
        Assert.Equal(grown, Run(project));
    }

    [Fact]
    public void Changing_a_define_rescans()
    {
        using var project = new TempFolder("mshv-incr-");
        project.Write("include/outer.h", "struct outer { int a;\n#ifdef WIDE\nlong long b;\n#endif\n};\n");
        InRepoConsumer.Write(project, "<MshvIncludeDirectories>include</MshvIncludeDirectories>\n<AllowUnsafeBlocks>true</AllowUnsafeBlocks>", """<UapiHeader Include="include/outer.h" />""", Program);
        Build(project);
        string narrow = Run(project);

        DotnetResult wide = Build(project, "-p:MshvDefines=WIDE");
        Assert.Contains("Mshv: scanning", wide.Output);
        Assert.Equal(CCompiler.CompileAndRun(CProbe, new[] { "-DWIDE", "-I", project.Combine("include") }).Trim(), Run(project));
        Assert.NotEqual(narrow, Run(project));
    }

    private static DotnetResult Build(TempFolder project, params string[] extra) =>
        DotnetCli.Build(project.Path, ["-v:d", .. extra]).AssertSucceeded("dotnet build");

    private static string Run(TempFolder project) =>
        DotnetCli.Run(project.Path, project.Combine("bin", "Debug", "net10.0", "Consumer.dll")).AssertSucceeded("running the consumer").Output.Trim();

    private static string[] MshvFiles(TempFolder project) =>
        [.. Directory.GetFiles(project.Combine("obj", "Debug", "net10.0", "mshv"), "*", SearchOption.AllDirectories).OrderBy(f => f, System.StringComparer.Ordinal)];

    private static string CompilerSays(TempFolder project) => CCompiler.CompileAndRun(CProbe, new[] { "-I", project.Combine("include") }).Trim();
}
