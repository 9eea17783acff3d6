using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.FdKinds;

/// <summary>A typed handle refuses, at compile time, a request that belongs only to other fd kinds (kvm.h as the sample binds it).</summary>
public sealed class TypedHandleTests
{
    private const string Prelude = """
        using Mshv.Kvm.Interop;
        using Mshv.Runtime;
        static class Use
        {
            static void Call(
                FileDescriptorHandle<KvmFdKinds.System> system, FileDescriptorHandle<KvmFdKinds.Vm> vm, FileDescriptorHandle<KvmFdKinds.Vcpu> vcpu,
                FileDescriptorHandle<KvmFdKinds.Device> device, FileDescriptorHandle any, kvm_regs regs, kvm_device_attr attr,
                FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry> msrs)
            {
        """;

    [Theory]
    [InlineData("vcpu.Ioctl(KvmIoctls.KVM_GET_REGS, ref regs); vcpu.Ioctl(KvmIoctls.KVM_RUN);")]
    [InlineData("system.Ioctl(KvmIoctls.KVM_CHECK_EXTENSION, 3); vm.Ioctl(KvmIoctls.KVM_CHECK_EXTENSION, 3);")]
    [InlineData("system.Ioctl(KvmIoctls.KVM_GET_MSRS, msrs); vcpu.Ioctl(KvmIoctls.KVM_GET_MSRS, msrs); vcpu.Ioctl(KvmIoctls.KVM_SET_MSRS, msrs);")]
    [InlineData("vm.Ioctl(KvmIoctls.KVM_HAS_DEVICE_ATTR, in attr); vcpu.Ioctl(KvmIoctls.KVM_SET_DEVICE_ATTR, in attr); device.Ioctl(KvmIoctls.KVM_GET_DEVICE_ATTR, in attr); system.Ioctl(KvmIoctls.KVM_HAS_DEVICE_ATTR, in attr);")]
    [InlineData("var v = FileDescriptorHandle<KvmFdKinds.Vm>.CreateBy(system, KvmIoctls.KVM_CREATE_VM, 0, ErrnoMeanings.Generic); var c = FileDescriptorHandle<KvmFdKinds.Vcpu>.CreateBy(v, KvmIoctls.KVM_CREATE_VCPU, 0, ErrnoMeanings.Generic);")]
    [InlineData("any.Ioctl(KvmIoctls.KVM_GET_REGS, ref regs); any.Ioctl(KvmIoctls.KVM_CHECK_EXTENSION, 3); any.Ioctl(KvmIoctls.KVM_SET_MSRS, msrs);")]
    public void A_request_of_the_handles_kind_compiles(string call) => Assert.Empty(Errors(call));

    [Theory]
    [InlineData("system.Ioctl(KvmIoctls.KVM_GET_REGS, ref regs);")]
    [InlineData("vm.Ioctl(KvmIoctls.KVM_RUN);")]
    [InlineData("vcpu.Ioctl(KvmIoctls.KVM_CHECK_EXTENSION, 3);")]
    [InlineData("system.Ioctl(KvmIoctls.KVM_SET_MSRS, msrs);")]
    [InlineData("system.Ioctl(KvmIoctls.KVM_SET_DEVICE_ATTR, in attr);")]
    [InlineData("vcpu.Ioctl(KvmIoctls.KVM_CREATE_VCPU, 0);")]
    [InlineData("FileDescriptorHandle<KvmFdKinds.Vcpu>.CreateBy(system, KvmIoctls.KVM_CREATE_VCPU, 0, ErrnoMeanings.Generic);")]
    public void A_request_of_other_kinds_only_does_not_compile(string call)
    {
        string[] errors = Errors(call);

        // The kind set's constraint fails (CS0311/CS0315), or no overload takes the descriptor (CS1503).
        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Matches("error CS(0311|0315|1503|1501|0452):", error));
    }

    // The sample's kvm bindings are compiled into an assembly of their own (KvmGuest.Mshv.Interop, MshvBindingsCompile=Assembly).
    private static string[] Errors(string body) =>
        InMemoryCompilation.Errors(Prelude + body + "} }", typeof(Mshv.Runtime.FileDescriptorHandle), typeof(Mshv.Kvm.KvmSystem), typeof(Mshv.Kvm.Interop.kvm_regs));
}
