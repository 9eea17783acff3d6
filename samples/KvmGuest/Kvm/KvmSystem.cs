using System;
using Mshv.Kvm.Interop;
using Mshv.Runtime;

namespace Mshv.Kvm;

/// <summary>An open <c>/dev/kvm</c>: the system-wide KVM descriptor (rust-vmm's <c>Kvm</c>).</summary>
/// <remarks>Thread-safe: every request holds the descriptor for its duration; disposal during a call closes after it.</remarks>
public sealed class KvmSystem : IDisposable
{
    /// <summary>Where the KVM misc device appears.</summary>
    public const string DefaultPath = "/dev/kvm";

    private KvmSystem(FileDescriptorHandle<KvmFdKinds.System> handle, int apiVersion, int vcpuMmapSize)
    {
        Handle = handle;
        ApiVersion = apiVersion;
        VcpuMmapSize = vcpuMmapSize;
    }

    /// <summary>The <c>/dev/kvm</c> descriptor, for requests this class does not wrap: only system requests compile on it.</summary>
    public FileDescriptorHandle<KvmFdKinds.System> Handle { get; }

    /// <summary>KVM_GET_API_VERSION as answered at open; always <see cref="KvmConstants.KVM_API_VERSION"/>.</summary>
    public int ApiVersion { get; }

    /// <summary>KVM_GET_VCPU_MMAP_SIZE: bytes of each vCPU's shared <c>kvm_run</c> area (plus PIO/MMIO pages).</summary>
    public int VcpuMmapSize { get; }

    /// <summary>Opens <paramref name="path"/> and checks that the kernel speaks the API these bindings were made from.</summary>
    /// <exception cref="IoctlException">open or a probe ioctl failed (ENOENT: KVM not loaded; EACCES: no permission).</exception>
    /// <exception cref="NotSupportedException">The kernel's API version is not <see cref="KvmConstants.KVM_API_VERSION"/>.</exception>
    public static KvmSystem Open(string path = DefaultPath)
    {
        FileDescriptorHandle<KvmFdKinds.System> handle = FileDescriptorHandle<KvmFdKinds.System>.Open(path, KvmErrors.System);
        try
        {
            int version = handle.Ioctl(KvmIoctls.KVM_GET_API_VERSION);
            if (version != KvmConstants.KVM_API_VERSION)
            {
                // The API has been frozen at 12 since Linux 2.6.22; anything else is not the KVM these bindings describe.
                throw new NotSupportedException(
                    $"{path} reports KVM API version {version}; these bindings were generated for {KvmConstants.KVM_API_VERSION}");
            }

            return new KvmSystem(handle, version, handle.Ioctl(KvmIoctls.KVM_GET_VCPU_MMAP_SIZE));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>KVM_CHECK_EXTENSION: 0 when <paramref name="capability"/> (a <c>KVM_CAP_*</c>) is absent, else its value.</summary>
    public int CheckExtension(int capability) => Handle.Ioctl(KvmIoctls.KVM_CHECK_EXTENSION, (nuint)capability);

    /// <summary>KVM_GET_SUPPORTED_CPUID: every CPUID leaf KVM can expose; the buffer grows until the list fits.</summary>
    public FlexibleArrayBuffer<kvm_cpuid2, kvm_cpuid_entry2> GetSupportedCpuid(int initialCapacity = 64)
    {
        FlexibleArrayBuffer<kvm_cpuid2, kvm_cpuid_entry2> cpuid = new(initialCapacity);
        Handle.IoctlGrowing(KvmIoctls.KVM_GET_SUPPORTED_CPUID, cpuid);
        return cpuid;
    }

    /// <summary>KVM_GET_MSR_INDEX_LIST: the MSRs KVM saves and restores; the kernel says how many when the buffer is short.</summary>
    public FlexibleArrayBuffer<kvm_msr_list, uint> GetMsrIndexList(int initialCapacity = 64)
    {
        FlexibleArrayBuffer<kvm_msr_list, uint> list = new(initialCapacity);
        Handle.IoctlGrowing(KvmIoctls.KVM_GET_MSR_INDEX_LIST, list);
        return list;
    }

    /// <summary>KVM_GET_MSR_FEATURE_INDEX_LIST: the feature MSRs that KVM_GET_MSRS on /dev/kvm reads.</summary>
    public FlexibleArrayBuffer<kvm_msr_list, uint> GetMsrFeatureIndexList(int initialCapacity = 16)
    {
        FlexibleArrayBuffer<kvm_msr_list, uint> list = new(initialCapacity);
        Handle.IoctlGrowing(KvmIoctls.KVM_GET_MSR_FEATURE_INDEX_LIST, list);
        return list;
    }

    /// <summary>KVM_GET_MSRS on /dev/kvm: reads the feature MSRs whose indices the buffer's elements name.</summary>
    /// <returns>How many were read; <see cref="FlexibleArrayBuffer{THeader, TElement}.Count"/> says the same.</returns>
    public int GetFeatureMsrs(FlexibleArrayBuffer<kvm_msrs, kvm_msr_entry> msrs) => Handle.Ioctl(KvmIoctls.KVM_GET_MSRS, msrs);

    /// <summary>KVM_CREATE_VM with the default machine type.</summary>
    public KvmVm CreateVm() =>
        new(FileDescriptorHandle<KvmFdKinds.Vm>.CreateBy(Handle, KvmIoctls.KVM_CREATE_VM, 0, KvmErrors.Vm), VcpuMmapSize);

    /// <inheritdoc/>
    public void Dispose() => Handle.Dispose();
}
