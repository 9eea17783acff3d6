using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Mshv.Abi;
using Mshv.Generator.Models;
using Mshv.Tests.Generator.Support;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Scanner;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>
/// Issue 10, item 8: the kernel's words in the model become the head of each generated doc comment, so IntelliSense
/// shows them. Asserted on the XML documentation file the C# compiler writes (documentation mode on, every doc warning
/// reported): hostile text stays text, and the real headers' words arrive on the members they describe.
/// </summary>
public sealed class KernelDocEmissionTests
{
    private const string Head = "abi 1\ntarget x86_64-unknown-linux-gnu\nheader test.h\n\n";

    [Fact]
    public void Hostile_comment_text_stays_text_inside_its_summary()
    {
        const string Hostile = "*/ </summary></member><member name=\\\"x\\\"> & &amp; <c> <!-- \\\\ \\\"q\\\" /// }";
        string model = Head
            + "struct s size=8 align=4 at=test.h:3 doc=\"" + Hostile + "\\nsecond paragraph\"\n"
            + "  field len bit=0 type=u32 c=\"__u32\" at=test.h:4 doc=\"" + Hostile + "\"\n"
            + "  field bits bit=32 width=3 type=u32 c=\"__u32\" at=test.h:5 doc=\"" + Hostile + "\"\n\n"
            + "enum e underlying=u32 at=test.h:7 doc=\"" + Hostile + "\"\n  const E_A value=0 doc=\"" + Hostile + "\"\n\n"
            + "macro M value=1 type=i32 c=\"int\" at=test.h:10 expansion=\"1\" doc=\"" + Hostile + "\"\n\nend\n";
        string expected = "*/ </summary></member><member name=\"x\"> & &amp; <c> <!-- \\ \"q\" /// }";

        XDocument xml = DocumentationXml(GeneratedCode.Emit(model));

        Assert.Equal(expected + " second paragraph C: struct s at test.h:3; sizeof 8, alignof 4.", Summary(xml, "T:Test.Interop.s"));
        Assert.StartsWith(expected + " C: __u32 len", Summary(xml, "F:Test.Interop.s.len"));
        Assert.StartsWith(expected + " C: __u32 bits:3", Summary(xml, "P:Test.Interop.s.bits"));
        Assert.StartsWith(expected + " C: enum e", Summary(xml, "T:Test.Interop.e"));
        Assert.Equal(expected, Summary(xml, "F:Test.Interop.e.E_A"));
        Assert.StartsWith(expected + " C: #define M 1", Summary(xml, "F:Test.Interop.TestConstants.M"));
    }

    [Fact]
    public void A_one_paragraph_doc_is_one_line_and_an_undocumented_member_is_as_before()
    {
        string model = Head
            + "struct s size=8 align=4 at=test.h:3\n"
            + "  field len bit=0 type=u32 c=\"__u32\" at=test.h:4 doc=\"bytes\"\n"
            + "  field pad bit=32 type=u32 c=\"__u32\" at=test.h:5\n\nend\n";

        string source = string.Join("\n", GeneratedCode.Emit(model).Files.Select(f => f.Source));

        Assert.Contains("    /// <summary><para>bytes</para>\n    /// C: <c>__u32 len</c> at test.h:4; byte offset 0.</summary>\n", source);
        Assert.DoesNotContain("<para>", source.Substring(source.IndexOf("__u32 pad", System.StringComparison.Ordinal) - 40));
    }

    [Fact]
    public void Upstream_mshv_members_show_the_kernel_doc_text()
    {
        XDocument xml = DocumentationXml(GeneratedCode.Emit(File.ReadAllText(RepoPaths.InRoot("headers", "upstream", "mshv.abi")), "Mshv"));

        Assert.StartsWith("arguments for MSHV_SET_GUEST_MEMORY Map or unmap a region", Summary(xml, "T:Test.Interop.mshv_user_mem_region"));
        Assert.StartsWith("Size of the memory region (bytes). Must be aligned to MSHV_HV_PAGE_SIZE C: __u64 size",
            Summary(xml, "F:Test.Interop.mshv_user_mem_region.size"));
        Assert.StartsWith("1, 2, 4, or 8 bytes C: __u32 len", Summary(xml, "F:Test.Interop.mshv_user_ioeventfd.len"));
        Assert.StartsWith("Generic hypercall C: #define MSHV_ROOT_HVCALL", Summary(xml, "P:Test.Interop.MshvIoctls.MSHV_ROOT_HVCALL"));
    }

    [Fact]
    public void Kvm_run_exit_members_show_the_kernels_words()
    {
        AbiModel model = SeedModelTests.Scan(ScanSetups.Kvm);
        XDocument xml = DocumentationXml(GeneratedCode.Emit(AbiModelWriter.Write(model), "Kvm"));

        Assert.StartsWith("for KVM_RUN, returned by mmap(vcpu_fd, offset=0) C: struct kvm_run", Summary(xml, "T:Test.Interop.kvm_run"));
        Assert.StartsWith("returns a VM fd C: #define KVM_CREATE_VM", Summary(xml, "P:Test.Interop.KvmIoctls.KVM_CREATE_VM"));
        // kvm_run.io is emitted as its own struct; its size member is the one documented /* bytes */.
        Assert.Contains(xml.Descendants("member"), m => m.Attribute("name")!.Value.EndsWith(".size", System.StringComparison.Ordinal)
            && m.Attribute("name")!.Value.Contains("io", System.StringComparison.Ordinal) && Text(m).StartsWith("bytes C: __u8 size", System.StringComparison.Ordinal));
    }

    /// <summary>Compiles the emitted files with documentation mode on and returns the XML documentation file; any warning fails.</summary>
    internal static XDocument DocumentationXml(EmitResult emitted)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Docs",
            emitted.Files.Select(f => CSharpSyntaxTree.ParseText(f.Source, options, f.HintName)),
            Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        using var docs = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image, xmlDocumentationStream: docs);
        // CS1591 (a public member without a comment) is not about the text we write; every other doc warning is.
        List<string> problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591").Select(d => d.ToString()).ToList();
        Assert.True(result.Success && problems.Count == 0, string.Join("\n", problems.Take(20)));
        docs.Position = 0;
        return XDocument.Load(docs);
    }

    private static string Summary(XDocument xml, string member)
    {
        XElement? element = xml.Descendants("member").SingleOrDefault(m => m.Attribute("name")?.Value == member);
        Assert.True(element is not null, member + " is not in the documentation file");
        return Text(element!);
    }

    /// <summary>The summary's text as IntelliSense shows it: markup dropped, white space collapsed.</summary>
    private static string Text(XElement member) =>
        string.Join(" ", (member.Element("summary")?.DescendantNodes().OfType<XText>() ?? Enumerable.Empty<XText>())
            .SelectMany(t => t.Value.Split(new[] { ' ', '\n', '\r' }, System.StringSplitOptions.RemoveEmptyEntries)));
}
