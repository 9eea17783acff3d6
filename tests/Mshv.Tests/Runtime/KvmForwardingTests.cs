using System.IO;
using System.Linq;
using Mshv.Ioctls;
using Mshv.Runtime;
using Mshv.Tests.Runtime.Infrastructure;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Runtime;

[Collection(DriverDoubleCollection.Name)]
public sealed class KvmForwardingTests
{
    [Mshv.Tests.Kvm.KvmFact]
    public void Real_devices_are_reached_through_the_double_unchanged()
    {
        // Request number and expected answer come from the system's <linux/kvm.h>, not from this file.
        string[] fromC = CCompiler.CompileAndRun(
            "#include <stdio.h>\n#include <linux/kvm.h>\n"
            + "int main(void) { printf(\"%u %d\\n\", (unsigned)KVM_GET_API_VERSION, KVM_API_VERSION); return 0; }\n", System.Array.Empty<string>())
            .Split(' ', System.StringSplitOptions.TrimEntries);
        IoctlNone getApiVersion = new("KVM_GET_API_VERSION", uint.Parse(fromC[0]));

        using FileDescriptorHandle kvm = FileDescriptorHandle.Open("/dev/kvm", ErrnoMeanings.Generic);

        Assert.Equal(0, MshvDouble.KindOf(kvm.FileDescriptor));
        Assert.Equal(int.Parse(fromC[1]), kvm.Ioctl(getApiVersion));
    }
}
