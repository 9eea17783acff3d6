using System.IO;
using Xunit;

namespace Mshv.Tests.Kvm;

/// <summary>A fact that needs the real /dev/kvm; skipped, with the reason, only where the device does not exist.</summary>
public sealed class KvmFactAttribute : FactAttribute
{
    public KvmFactAttribute()
    {
        if (!File.Exists("/dev/kvm"))
        {
            Skip = "/dev/kvm is absent on this machine (no KVM module or no virtualization extensions)";
        }
    }
}
