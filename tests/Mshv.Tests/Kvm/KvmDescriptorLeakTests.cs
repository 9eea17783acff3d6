using System;
using System.IO;
using System.Linq;
using System.Runtime;
using Mshv.Kvm;
using Mshv.Kvm.Guest;
using Mshv.Kvm.Interop;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Runtime.Infrastructure;
using Xunit;

namespace Mshv.Tests.Kvm;

/// <summary>Every descriptor and mapping a guest run creates is released on disposal.</summary>
/// <remarks>In the double's collection: it runs alone, so no parallel test moves the process-wide counts.</remarks>
[Collection(DriverDoubleCollection.Name)]
public sealed class KvmDescriptorLeakTests
{
    private const int Runs = 200;

    [KvmFact]
    public void Running_the_guest_200_times_leaves_no_descriptor_or_mapping_behind()
    {
        RunGuestOnce(); // warm-up: lazily created runtime descriptors are not the guest's
        var descriptors = OpenDescriptors.Snapshot(IsKvmDescriptor);
        int vcpuMappings = VcpuMappings();

        // No collection during the runs and none before counting: a handle that only its finalizer would close
        // (a missing Dispose) stays open and is counted.
        bool noGc = GC.TryStartNoGCRegion(64 * 1024 * 1024);
        try
        {
            Assert.True(noGc, "no no-GC region: a collection could run the finalizer of a leaked handle before it is counted");
            for (int i = 0; i < Runs; i++)
            {
                Assert.Equal(nameof(KvmConstants.KVM_EXIT_HLT), RunGuestOnce());
            }

            // Still no collection since the runs began (allocating past the region's budget would have ended it).
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            OpenDescriptors.AssertNoneAdded(descriptors, OpenDescriptors.List(IsKvmDescriptor));
            Assert.Equal(vcpuMappings, VcpuMappings());
        }
        finally
        {
            if (noGc && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }

    private static string RunGuestOnce()
    {
        using KvmSystem kvm = KvmSystem.Open();
        using RealModeGuest guest = RealModeGuest.Create(kvm);
        guest.Vcpu.Run();
        return KvmExitReasons.NameOf(guest.Vcpu.Run());
    }


    /// <summary>/dev/kvm and the VM and vCPU descriptors (anon_inode:kvm-vm, anon_inode:kvm-vcpu:N).</summary>
    private static bool IsKvmDescriptor(string target) => target.Contains("kvm", StringComparison.Ordinal);

    /// <summary>vCPU run areas: the kernel names their mappings <c>anon_inode:kvm-vcpu:N</c>.</summary>
    private static int VcpuMappings() =>
        File.ReadLines("/proc/self/maps").Count(line => line.Contains("kvm-vcpu", StringComparison.Ordinal));
}
