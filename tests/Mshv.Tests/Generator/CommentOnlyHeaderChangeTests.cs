using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Mshv.Generator;
using Mshv.Scanner;
using Mshv.Tests.Abi;
using Mshv.Tests.Generator.Support;
using Mshv.Tests.Scanner;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>
/// Issue 10, item 8: comments are documentation, never layout. Editing a header's comments changes the model's
/// <c>doc=</c> and the generated doc comments only: abi-diff sees no change, and the generated code without its
/// <c>///</c> lines is the same. A comment that documents no declaration does not change the model at all, so the
/// generator's steps stay cached.
/// </summary>
public sealed class CommentOnlyHeaderChangeTests
{
    private const string Header = """
        /* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
        #define DEMO_IOCTL 0xD0

        /**
         * struct demo_args - arguments for DEMO_SET
         * @len: bytes in buf
         */
        struct demo_args {
        	unsigned int len;
        	unsigned int flags; /* DEMO_F_* */
        };

        /* Sets the demo */
        #define DEMO_SET _IOW(DEMO_IOCTL, 0x01, struct demo_args)
        """;

    [Fact]
    public void Editing_comments_changes_docs_only_and_generated_code_only_in_doc_comments()
    {
        string before = Scan(Header);
        string after = Scan(Header.Replace("bytes in buf", "bytes the kernel reads").Replace("DEMO_F_*", "flags, see DEMO_F_*").Replace("Sets the demo", "Sets it"));

        Assert.NotEqual(before, after);
        Assert.Equal(ModelDocTests.WithoutDocs(before), ModelDocTests.WithoutDocs(after));
        Assert.Contains("doc=\"bytes the kernel reads\"", after);
        Assert.True(AbiDiff.Compare(AbiModelReader.Read(before, "a.abi"), AbiModelReader.Read(after, "b.abi")).IsEmpty);

        GeneratorHarness.ModelFile first = new("/models/demo.abi", before);
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { first });
        Dictionary<string, string> old = Sources(GeneratorHarness.Run(driver, compilation, out driver));
        Dictionary<string, string> edited = Sources(GeneratorHarness.Run(
            driver.ReplaceAdditionalText(first, new GeneratorHarness.ModelFile(first.Path, after)), compilation, out _));

        Assert.Equal(old.Keys.OrderBy(k => k, StringComparer.Ordinal), edited.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Contains(edited.Values, s => s.Contains("<para>bytes the kernel reads</para>", StringComparison.Ordinal));
        Assert.Contains(old.Keys, k => old[k] != edited[k]);
        foreach (string hint in old.Keys)
        {
            Assert.Equal(WithoutDocComments(old[hint]), WithoutDocComments(edited[hint]));
        }
    }

    [Fact]
    public void Editing_a_comment_that_documents_nothing_leaves_the_model_and_the_generator_steps_as_they_were()
    {
        string before = Scan(Header);
        string after = Scan(Header.Replace("SPDX-License-Identifier: GPL-2.0", "SPDX-License-Identifier: MIT    "));
        Assert.Equal(before, after);

        GeneratorHarness.ModelFile first = new("/models/demo.abi", before);
        Compilation compilation = GeneratorHarness.EmptyCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { first });
        GeneratorHarness.Run(driver, compilation, out driver);
        var steps = GeneratorHarness.Run(driver.ReplaceAdditionalText(first, new GeneratorHarness.ModelFile(first.Path, after)), compilation, out _)
            .Results.Single().TrackedSteps;

        Assert.All(steps[TrackingNames.Emissions].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    /// <summary>The model of <paramref name="header"/> as <c>test/demo.h</c> on an include path: the same name whatever the folder.</summary>
    private static string Scan(string header)
    {
        using var headers = new TempHeaders();
        headers.Write("demo.h", header);
        AbiModel model = SeedModelTests.Scan(new ScanOptions(new[] { "test/demo.h" }, new[] { headers.Directory }, Array.Empty<string>(), Array.Empty<string>())
        {
            IoctlPrelude = true,
        });
        return AbiModelWriter.Write(model);
    }

    private static Dictionary<string, string> Sources(GeneratorDriverRunResult run) =>
        run.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    private static string WithoutDocComments(string source) =>
        string.Join("\n", source.Split('\n').Where(l => !l.TrimStart().StartsWith("///", StringComparison.Ordinal)));
}
