using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Mshv.Generator.Diagnostics;
using Mshv.Generator.Selection;
using Mshv.Tests.Generator.Support;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Generator;

/// <summary>A selection file narrows generation to the names it lists and everything they need (CsWin32's NativeMethods.txt, for uapi headers).</summary>
public sealed class SelectionTests
{
    [Fact]
    public void Selecting_an_ioctl_emits_it_its_argument_record_and_every_record_that_needs_and_nothing_else()
    {
        GeneratorDriverRunResult result = Run("MSHV_CREATE_PARTITION\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { "Mshv.Bindings.g.cs", "Mshv.Interop.FixedArrays.g.cs", "Mshv.Interop.IoctlSupportTypes.g.cs" }, HintNames(result));
        Assert.Equal(
            new[]
            {
                "MshvConstants", "MshvFdKinds", "MshvIoctls", "MshvTarget", "hv_partition_creation_properties", "hv_partition_processor_features",
                "hv_partition_processor_xsave_features", "mshv_create_partition",
            },
            TypeNames(result));
        string constants = Type(result, "MshvConstants");
        Assert.Contains("MSHV_CREATE_PARTITION", constants);
        Assert.DoesNotContain("MSHV_REQUEST_VERSION", constants);
        Assert.DoesNotContain("MSHV_REQUEST_VERSION", Type(result, "MshvIoctls"));
        Assert.Empty(GeneratedCode.Problems(GeneratedCode.Compile(result.GeneratedTrees.Select(t => t.ToString()))));
    }

    [Fact]
    public void Selecting_a_record_keeps_the_records_its_members_use_but_no_ioctl()
    {
        GeneratorDriverRunResult result = Run("struct hv_partition_creation_properties\n");

        string[] types = TypeNames(result);
        Assert.Contains("hv_partition_processor_features", types);
        Assert.Contains("hv_partition_processor_xsave_features", types);
        Assert.DoesNotContain("mshv_create_partition", types);
        Assert.DoesNotContain("MshvIoctls", types);
    }

    [Fact]
    public void Unknown_name_is_MSHV0006_on_its_line_of_the_selection_file()
    {
        GeneratorDriverRunResult result = Run("# partitions\nMSHV_CREATE_PARTITION\n\nmshv_create_partitoin   # typo\n");

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.UnknownSelection, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(SelectionPath, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("'mshv_create_partitoin'", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("kinds MSHV_CREATE_PARTITION vm, vcpu\n", "kinds REQUEST KIND[,KIND…]")]
    [InlineData("kinds MSHV_CREATE_PARTITION vm-fd\n", "names a kind that is not")]
    [InlineData("argument MSHV_CREATE_PARTITION mshv_create_partition\n", "is not 'argument REQUEST -'")]
    [InlineData("count mshv_create_partition\n", "is not 'count RECORD FIELD'")]
    public void A_directive_the_generator_cannot_apply_is_MSHV0022_on_its_line_not_ignored(string line, string reason)
    {
        // A file of directives only selects everything, so no MSHV0006 check would have looked at it.
        GeneratorDriverRunResult result = Run("# restrictions\n" + line);

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.MalformedDirective, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(SelectionPath, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(1, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains(reason, diagnostic.GetMessage());
    }

    [Fact]
    public void A_directive_naming_a_request_no_model_has_is_MSHV0006_not_silently_nothing()
    {
        // A misspelt 'argument' line would leave the typed call it meant to withdraw.
        GeneratorDriverRunResult result = Run("argument MSHV_CREATE_PARTITON -\n");

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.UnknownSelection, diagnostic.Id);
        Assert.Equal(0, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("'MSHV_CREATE_PARTITON' that no ABI model has", diagnostic.GetMessage());
    }

    [Fact]
    public void A_typo_gets_a_did_you_mean_with_the_closest_known_name()
    {
        GeneratorDriverRunResult result = Run("MSHV_CREATE_PARTITON\n");

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(MshvDiagnostics.UnknownSelection, diagnostic.Id);
        Assert.Contains("did you mean 'MSHV_CREATE_PARTITION'?", diagnostic.GetMessage());
    }

    [Fact]
    public void A_wildcard_selects_every_matching_name_and_an_exclusion_takes_one_out()
    {
        GeneratorDriverRunResult result = Run("MSHV_*\n-MSHV_REQUEST_VERSION\n");

        Assert.Empty(result.Diagnostics);
        string ioctls = Type(result, "MshvIoctls");
        Assert.Contains("MSHV_CREATE_PARTITION", ioctls);
        Assert.DoesNotContain("MSHV_REQUEST_VERSION", ioctls);
        Assert.Contains("mshv_create_partition", TypeNames(result));
    }

    [Fact]
    public void A_file_of_only_exclusions_keeps_everything_else()
    {
        GeneratorDriverRunResult result = Run("-MSHV_CREATE_PARTITION\n-struct mshv_create_partition\n");

        Assert.Empty(result.Diagnostics);
        Assert.Contains("MSHV_REQUEST_VERSION", Type(result, "MshvIoctls"));
        Assert.DoesNotContain("MSHV_CREATE_PARTITION =", Type(result, "MshvIoctls"));
        Assert.DoesNotContain("mshv_create_partition", TypeNames(result));
    }

    [Fact]
    public void A_wildcard_that_matches_nothing_is_MSHV0006()
    {
        Diagnostic diagnostic = Assert.Single(Run("KVM_*\n").Diagnostics);
        Assert.Equal(MshvDiagnostics.UnknownSelection, diagnostic.Id);
        Assert.Contains("'KVM_*' matches no", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("KVM_*", "KVM_RUN", true)]
    [InlineData("KVM_*", "KVM_", true)]
    [InlineData("KVM_*", "kvm_run", false)]
    [InlineData("*_regs", "kvm_regs", true)]
    [InlineData("kvm_*_regs", "kvm_sregs", false)]
    [InlineData("kvm_*_regs", "kvm_debug_regs", true)]
    [InlineData("K*M*N", "KVM_RUN", true)]
    [InlineData("KVM_RUN", "KVM_RUN", true)]
    [InlineData("KVM_RU", "KVM_RUN", false)]
    public void Wildcards_match_any_run_of_characters_and_nothing_else(string pattern, string name, bool matches) =>
        Assert.Equal(matches, SelectionRules.Matches(pattern, name));

    [Fact]
    public void Without_a_selection_file_everything_is_emitted()
    {
        GeneratorDriverRunResult result = GeneratorHarness.Run(GeneratorHarness.CreateDriver(new[] { Seed() }), GeneratorHarness.EmptyCompilation(), out _);
        Assert.Contains("MSHV_REQUEST_VERSION", Type(result, "MshvIoctls"));
    }

    [Fact]
    public void Selection_file_lines_drop_comments_blank_lines_and_C_keywords()
    {
        SelectionFile file = SelectionFile.Parse("sel.txt", "# header\n\nstruct kvm_regs\n  union  kvm_irq_level # why\nKVM_RUN\r\nenum kvm_device_type\n");
        Assert.Equal(
            new[] { new SelectedName("kvm_regs", 3), new SelectedName("kvm_irq_level", 4), new SelectedName("KVM_RUN", 5), new SelectedName("kvm_device_type", 6) },
            file.Names.ToArray());
    }

    private static readonly string SelectionPath = Path.Combine(Path.GetTempPath(), "mshv-selection-test", SelectionFile.FileName);

    private static GeneratorDriverRunResult Run(string selection) =>
        GeneratorHarness.Run(
            GeneratorHarness.CreateDriver(new AdditionalText[] { Seed(), new GeneratorHarness.ModelFile(SelectionPath, selection) }),
            GeneratorHarness.EmptyCompilation(),
            out _);

    private static GeneratorHarness.ModelFile Seed() => new(RepoPaths.SeedModel, File.ReadAllText(RepoPaths.SeedModel));

    private static string[] HintNames(GeneratorDriverRunResult result) =>
        result.Results.Single().GeneratedSources.Select(s => s.HintName).OrderBy(h => h, StringComparer.Ordinal).ToArray();

    private static string ModelFile(GeneratorDriverRunResult result) =>
        result.Results.Single().GeneratedSources.Single(s => s.HintName == "Mshv.Bindings.g.cs").SourceText.ToString();

    /// <summary>The types the model's one file declares.</summary>
    private static string[] TypeNames(GeneratorDriverRunResult result) => GeneratedTypes.Names(ModelFile(result));

    /// <summary>One type of the model's one file (the constants class names every request too).</summary>
    private static string Type(GeneratorDriverRunResult result, string name) => GeneratedTypes.Of(ModelFile(result), name);
}
