using Mshv.Kvm.Interop;

namespace Mshv.Kvm;

/// <summary>Names for <c>kvm_run.exit_reason</c>; names and values are the generated <c>KVM_EXIT_*</c> constants.</summary>
/// <remarks>A table rather than reflection over <see cref="KvmConstants"/>: other macros share the prefix and
/// values (<c>KVM_EXIT_IO_OUT</c> is 1, like <c>KVM_EXIT_EXCEPTION</c>).</remarks>
public static class KvmExitReasons
{
    /// <summary>The <c>KVM_EXIT_*</c> name of <paramref name="reason"/>, or <c>KVM_EXIT_(n)</c> for one this table lacks.</summary>
    public static string NameOf(uint reason) => reason switch
    {
        KvmConstants.KVM_EXIT_UNKNOWN => nameof(KvmConstants.KVM_EXIT_UNKNOWN),
        KvmConstants.KVM_EXIT_EXCEPTION => nameof(KvmConstants.KVM_EXIT_EXCEPTION),
        KvmConstants.KVM_EXIT_IO => nameof(KvmConstants.KVM_EXIT_IO),
        KvmConstants.KVM_EXIT_HYPERCALL => nameof(KvmConstants.KVM_EXIT_HYPERCALL),
        KvmConstants.KVM_EXIT_DEBUG => nameof(KvmConstants.KVM_EXIT_DEBUG),
        KvmConstants.KVM_EXIT_HLT => nameof(KvmConstants.KVM_EXIT_HLT),
        KvmConstants.KVM_EXIT_MMIO => nameof(KvmConstants.KVM_EXIT_MMIO),
        KvmConstants.KVM_EXIT_IRQ_WINDOW_OPEN => nameof(KvmConstants.KVM_EXIT_IRQ_WINDOW_OPEN),
        KvmConstants.KVM_EXIT_SHUTDOWN => nameof(KvmConstants.KVM_EXIT_SHUTDOWN),
        KvmConstants.KVM_EXIT_FAIL_ENTRY => nameof(KvmConstants.KVM_EXIT_FAIL_ENTRY),
        KvmConstants.KVM_EXIT_INTR => nameof(KvmConstants.KVM_EXIT_INTR),
        KvmConstants.KVM_EXIT_SET_TPR => nameof(KvmConstants.KVM_EXIT_SET_TPR),
        KvmConstants.KVM_EXIT_TPR_ACCESS => nameof(KvmConstants.KVM_EXIT_TPR_ACCESS),
        KvmConstants.KVM_EXIT_INTERNAL_ERROR => nameof(KvmConstants.KVM_EXIT_INTERNAL_ERROR),
        KvmConstants.KVM_EXIT_SYSTEM_EVENT => nameof(KvmConstants.KVM_EXIT_SYSTEM_EVENT),
        _ => $"KVM_EXIT_({reason})",
    };
}
