using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Flexible;

/// <summary>The forms that let the kernel write past a lone struct no longer compile; the buffer form does.</summary>
public sealed class UnsafeFlexibleFormTests
{
    private const string Prelude = """
        using Mshv.Kvm.Interop;
        using Mshv.Runtime;
        static class Use
        {
            static void Call(FileDescriptorHandle handle, kvm_cpuid2 c, kvm_msrs m)
            {
        """;

    [Fact]
    public void The_buffer_form_compiles() => Assert.Empty(Errors("""
        var cpuid = new FlexibleArrayBuffer<kvm_cpuid2, kvm_cpuid_entry2>(100);
        handle.IoctlGrowing(KvmIoctls.KVM_GET_SUPPORTED_CPUID, cpuid);
        var msrs = new FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry>(2);
        handle.Ioctl(KvmIoctls.KVM_GET_MSRS, msrs);
        handle.Ioctl(KvmIoctls.KVM_SET_MSRS, msrs);
        """));

    [Theory]
    [InlineData("c.nent = 100; handle.Ioctl(KvmIoctls.KVM_GET_SUPPORTED_CPUID, ref c);")]
    [InlineData("handle.Ioctl(KvmIoctls.KVM_GET_MSRS, ref m);")]
    [InlineData("handle.Ioctl(KvmIoctls.KVM_SET_MSRS, in m);")]
    [InlineData("handle.Ioctl(KvmIoctls.KVM_SET_CPUID2, in c);")]
    [InlineData("handle.Ioctl(KvmIoctls.KVM_GET_MSRS, new FlexibleArrayBuffer<kvm_cpuid2, kvm_cpuid_entry2>(1));")]
    public void The_unsafe_form_does_not_compile(string call)
    {
        string[] errors = Errors(call);

        // Overload resolution finds no Ioctl that takes the descriptor with a bare struct (CS1503/1620/1615/1501), or the
        // buffer's element type breaks the descriptor's constraint (CS8377/0311/0315).
        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Matches("error CS(1503|1620|1615|1501|8377|0311|0315):", error));
    }

    // The sample's kvm bindings are compiled into an assembly of their own (KvmGuest.Mshv.Interop, MshvBindingsCompile=Assembly).
    private static string[] Errors(string body) =>
        InMemoryCompilation.Errors(Prelude + body + "} }", typeof(Mshv.MshvDevice), typeof(Mshv.Kvm.KvmSystem), typeof(Mshv.Kvm.Interop.kvm_cpuid2));
}
