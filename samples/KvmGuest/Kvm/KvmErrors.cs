using Mshv.Runtime;

namespace Mshv.Kvm;

/// <summary>What an errno means on each kind of KVM descriptor (Documentation/virt/kvm/api.rst).</summary>
internal sealed class KvmErrors : ErrnoMeanings
{
    private readonly string kind;

    private KvmErrors(string kind) => this.kind = kind;

    /// <summary>/dev/kvm itself.</summary>
    public static KvmErrors System { get; } = new("system");

    /// <summary>A VM descriptor.</summary>
    public static KvmErrors Vm { get; } = new("vm");

    /// <summary>A vCPU descriptor.</summary>
    public static KvmErrors Vcpu { get; } = new("vcpu");

    protected override string? Explain(int errno, string operation) => (kind, errno) switch
    {
        ("system", Errno.ENOENT) => "no /dev/kvm: the kvm module is not loaded or the CPU has no virtualization extensions",
        ("system", Errno.EACCES) => "no permission on /dev/kvm (join the kvm group or run as root)",
        ("vm", Errno.EEXIST) => "a vCPU with this id already exists in the VM",
        ("vm", Errno.EINVAL) => "the request's values are invalid for this VM (id out of range, overlapping or unaligned memory slot)",
        ("vcpu", Errno.EINTR) => "a signal arrived before the guest could run; KVM_RUN can be retried",
        ("vcpu", Errno.EFAULT) => "the guest touched memory with no valid user-space backing",
        _ => null,
    };
}
