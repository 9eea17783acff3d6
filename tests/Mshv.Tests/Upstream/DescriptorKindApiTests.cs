using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Mshv.Tests.Upstream;

/// <summary>
/// One type per descriptor kind: a partition request is a method of <c>GuestPartition</c> only, a VP request of
/// <c>VirtualProcessor</c> only, and MSHV_ROOT_HVCALL of both, as the driver accepts it. Checked by compiling user code.
/// </summary>
public sealed class DescriptorKindApiTests
{
    private const string Prelude = """
        using System;
        using Mshv.Runtime;
        using Mshv.Upstream;
        static class Use
        {
            static void Call(MshvRoot root, GuestPartition partition, VirtualProcessor vp, MemoryMapping memory)
            {
        """;

    [Fact]
    public void Each_kind_compiles_its_own_requests_and_both_take_the_root_hypercall() =>
        Assert.Empty(Errors("""
            root.CreatePartition(PartitionFeatures.Lapic).Dispose();
            partition.Initialize(); partition.MapMemory(0, memory, GuestMemoryAccess.Write); partition.UnmapMemory(0);
            partition.CreateVirtualProcessor(0).Dispose(); partition.AssignIrqfd(3, 1); partition.AssignIoeventfd(3, 0x1000, 4);
            partition.GetAccessBitmap(GuestPageAccess.Dirty, 0, 8, new byte[1], GuestPageAccessAfterRead.Clear);
            vp.Run(); vp.GetState(VpStateKind.Lapic, memory); vp.SetState(VpStateKind.Lapic, memory);
            partition.Hypercall(0x44, new byte[8], Span<byte>.Empty); vp.Hypercall(0x44, new byte[8], Span<byte>.Empty);
            """));

    [Theory]
    [InlineData("vp.Initialize();")]
    [InlineData("vp.MapMemory(0, memory, GuestMemoryAccess.Write);")]
    [InlineData("vp.CreateVirtualProcessor(1);")]
    [InlineData("vp.SetMsiRouting(ReadOnlySpan<Mshv.Interop.Upstream.mshv_user_irq_entry>.Empty);")]
    [InlineData("partition.Run();")]
    [InlineData("partition.GetState(VpStateKind.Lapic, memory);")]
    [InlineData("root.Initialize();")]
    [InlineData("root.Hypercall(0x44, new byte[8], Span<byte>.Empty);")]
    public void A_request_of_another_descriptor_kind_does_not_compile(string call)
    {
        string[] errors = Errors(call);

        // Only "no such member" (a typo elsewhere would fail differently).
        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Contains("error CS1061:", error, System.StringComparison.Ordinal));
    }

    private static string[] Errors(string body)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(Prelude + body + "} }")],
            [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(Mshv.Upstream.MshvRoot).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return compilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(diagnostic => diagnostic.ToString())
            .ToArray();
    }
}
