using System.IO;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Scanner;

/// <summary>The scans the tests share: the vendored seed headers (as headers/README.md regenerates them) and the system's KVM headers.</summary>
internal static class ScanSetups
{
    public const string RegenerateSeedCommand =
        "dotnet run --project src/Mshv.Cli -- scan --header headers/linux/mshv.h --header headers/asm/hyperv-tlfs.h "
        + "--header headers/asm-generic/hyperv-tlfs.h -I headers --include linux/ioctl.h --out headers/mshv.abi";

    public static ScanOptions Seed => new(
        new[]
        {
            Path.Combine(RepoPaths.Headers, "linux", "mshv.h"),
            Path.Combine(RepoPaths.Headers, "asm", "hyperv-tlfs.h"),
            Path.Combine(RepoPaths.Headers, "asm-generic", "hyperv-tlfs.h"),
        },
        new[] { RepoPaths.Headers },
        System.Array.Empty<string>(),
        new[] { "linux/ioctl.h" });

    /// <summary>linux/kvm.h and asm/kvm.h, looked up like &lt;linux/kvm.h&gt; in the system include directories.</summary>
    public static ScanOptions Kvm => new(
        new[] { "linux/kvm.h", "asm/kvm.h" },
        System.Array.Empty<string>(),
        System.Array.Empty<string>(),
        System.Array.Empty<string>());
}
