using System.Runtime.CompilerServices;
using Mshv.Kvm;
using Mshv.Kvm.Interop;
using Xunit;

namespace Mshv.Tests.Kvm;

/// <summary>/dev/kvm through the generated KVM bindings and Mshv.Bindings' descriptor handle.</summary>
public sealed class KvmSystemTests
{
    [KvmFact]
    public void Api_version_is_the_one_the_kernel_froze()
    {
        using KvmSystem kvm = KvmSystem.Open();

        // Documentation/virt/kvm/api.rst: KVM_GET_API_VERSION "will return 12"; the ABI promise, not a computed value.
        Assert.Equal(12, kvm.ApiVersion);
        Assert.Equal(KvmConstants.KVM_API_VERSION, kvm.ApiVersion);
    }

    [KvmFact]
    public void Vcpu_mmap_size_holds_a_kvm_run()
    {
        using KvmSystem kvm = KvmSystem.Open();

        Assert.True(kvm.VcpuMmapSize >= Unsafe.SizeOf<kvm_run>(), $"KVM_GET_VCPU_MMAP_SIZE {kvm.VcpuMmapSize} < sizeof(kvm_run) {Unsafe.SizeOf<kvm_run>()}");
    }

    [KvmFact]
    public void User_memory_is_a_capability_and_an_unknown_one_is_absent()
    {
        using KvmSystem kvm = KvmSystem.Open();

        Assert.NotEqual(0, kvm.CheckExtension(KvmConstants.KVM_CAP_USER_MEMORY));
        Assert.Equal(0, kvm.CheckExtension(int.MaxValue));
    }
}
