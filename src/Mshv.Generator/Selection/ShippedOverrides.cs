using System;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Generator.Selection;

/// <summary>
/// Directives that ship with the generator for headers whose text does not say everything (written in the selection
/// file's syntax, applied before the user's, so a user's line for the same name wins).
/// </summary>
public static class ShippedOverrides
{
    /// <summary>linux/kvm.h (with asm/kvm.h): records whose trailing array has no element count, and fd kinds.</summary>
    public const string Kvm = """
        # struct kvm_xsave: KVM_GET_XSAVE2 writes as many bytes as KVM_CHECK_EXTENSION(KVM_CAP_XSAVE2) says; no field counts extra[].
        count kvm_xsave -
        # struct kvm_nested_state: 'size' counts bytes of the whole record, and the array sits in a union.
        count kvm_nested_state -
        # The header says unsigned long, but SEV and TDX (sev_mem_enc_ioctl, tdx_vm_ioctl) copy a 24-byte kvm_sev_cmd or
        # kvm_tdx_cmd in and out: a typed call on a u64 would let the kernel write 16 bytes past it.
        argument KVM_MEMORY_ENCRYPT_OP -
        # The 'ioctls for VM fds' section of kvm.h 6.1 (kvm.h 7.x lost the comment, so its requests would read as /dev/kvm's).
        # The s390 UCAS requests of that section are vCPU requests (Documentation/virt/kvm/api.rst).
        kinds KVM_ALLOCATE_RMA vm
        kinds KVM_ARM_GET_REG_WRITABLE_MASKS vm
        kinds KVM_ARM_MTE_COPY_TAGS vm
        kinds KVM_ARM_SET_COUNTER_OFFSET vm
        kinds KVM_ARM_SET_DEVICE_ADDR vm
        kinds KVM_ASSIGN_DEV_IRQ vm
        kinds KVM_ASSIGN_PCI_DEVICE vm
        kinds KVM_ASSIGN_SET_INTX_MASK vm
        kinds KVM_ASSIGN_SET_MSIX_ENTRY vm
        kinds KVM_ASSIGN_SET_MSIX_NR vm
        kinds KVM_CREATE_DEVICE vm
        kinds KVM_CREATE_IRQCHIP vm
        kinds KVM_CREATE_PIT vm
        kinds KVM_CREATE_PIT2 vm
        kinds KVM_CREATE_SPAPR_TCE vm
        kinds KVM_CREATE_SPAPR_TCE_64 vm
        kinds KVM_CREATE_VCPU vm
        kinds KVM_DEASSIGN_DEV_IRQ vm
        kinds KVM_DEASSIGN_PCI_DEVICE vm
        kinds KVM_GET_CLOCK vm
        kinds KVM_GET_DIRTY_LOG vm
        kinds KVM_GET_IRQCHIP vm
        kinds KVM_GET_NR_MMU_PAGES vm
        kinds KVM_GET_PIT vm
        kinds KVM_GET_PIT2 vm
        kinds KVM_IOEVENTFD vm
        kinds KVM_IRQFD vm
        kinds KVM_IRQ_LINE vm
        kinds KVM_IRQ_LINE_STATUS vm
        kinds KVM_PPC_ALLOCATE_HTAB vm
        kinds KVM_PPC_CONFIGURE_V3_MMU vm
        kinds KVM_PPC_GET_COMPAT_CAPS vm
        kinds KVM_PPC_GET_CPU_CHAR vm
        kinds KVM_PPC_GET_HTAB_FD vm
        kinds KVM_PPC_GET_PVINFO vm
        kinds KVM_PPC_GET_RMMU_INFO vm
        kinds KVM_PPC_GET_SMMU_INFO vm
        kinds KVM_PPC_RESIZE_HPT_COMMIT vm
        kinds KVM_PPC_RESIZE_HPT_PREPARE vm
        kinds KVM_PPC_RTAS_DEFINE_TOKEN vm
        kinds KVM_PPC_SVM_OFF vm
        kinds KVM_REINJECT_CONTROL vm
        kinds KVM_S390_KEYOP vm
        kinds KVM_SET_BOOT_CPU_ID vm
        kinds KVM_SET_CLOCK vm
        kinds KVM_SET_GSI_ROUTING vm
        kinds KVM_SET_IDENTITY_MAP_ADDR vm
        kinds KVM_SET_IRQCHIP vm
        kinds KVM_SET_MEMORY_ALIAS vm
        kinds KVM_SET_MEMORY_REGION vm
        kinds KVM_SET_NR_MMU_PAGES vm
        kinds KVM_SET_PIT vm
        kinds KVM_SET_PIT2 vm
        kinds KVM_SET_PMU_EVENT_FILTER vm
        kinds KVM_SET_TSS_ADDR vm
        kinds KVM_SET_USER_MEMORY_REGION vm
        kinds KVM_SET_USER_MEMORY_REGION2 vm
        kinds KVM_SIGNAL_MSI vm
        kinds KVM_XEN_HVM_CONFIG vm
        kinds KVM_S390_UCAS_MAP vcpu
        kinds KVM_S390_UCAS_UNMAP vcpu
        kinds KVM_S390_VCPU_FAULT vcpu
        # Requests the kernel accepts on several kinds (Documentation/virt/kvm/api.rst, 'Type:' of each).
        kinds KVM_CHECK_EXTENSION system,vm
        kinds KVM_GET_MSRS system,vcpu
        kinds KVM_GET_SUPPORTED_HV_CPUID system,vcpu
        kinds KVM_SET_TSC_KHZ vcpu,vm
        kinds KVM_GET_TSC_KHZ vcpu,vm
        kinds KVM_ENABLE_CAP vcpu,vm
        kinds KVM_GET_STATS_FD vcpu,vm
        kinds KVM_MEMORY_ENCRYPT_OP vcpu,vm
        kinds KVM_SET_DEVICE_ATTR device,vcpu,vm
        kinds KVM_GET_DEVICE_ATTR device,system,vcpu,vm
        kinds KVM_HAS_DEVICE_ATTR device,system,vcpu,vm
        """;

    /// <summary>linux/mshv.h (upstream): what its section comments do not say.</summary>
    public const string Mshv = """
        # Defined in the partition section; the VP section says it applies there too.
        kinds MSHV_ROOT_HVCALL partition,vp
        # Under "vtl device", but mshv_vtl serves it on /dev/mshv beside MSHV_CHECK_EXTENSION (it returns the VTL fd).
        kinds MSHV_CREATE_VTL system
        # The seed series' header calls its section "mshv device": /dev/mshv, the system kind of the upstream header.
        kinds MSHV_REQUEST_VERSION system
        kinds MSHV_CREATE_PARTITION system
        """;

    /// <summary>The shipped directives for the headers a model was scanned from; empty when none apply.</summary>
    public static EquatableArray<SelectionDirective> For(AbiModel model) =>
        For(model, "linux/kvm.h", Kvm).Concat(For(model, "linux/mshv.h", Mshv)).ToEquatableArray();

    private static EquatableArray<SelectionDirective> For(AbiModel model, string header, string text) =>
        model.Headers.Any(h => string.Equals(h, header, StringComparison.Ordinal))
            ? SelectionFile.Parse("shipped override for " + header, text).Directives
            : EquatableArray<SelectionDirective>.Empty;
}
