using System;
using System.Runtime.InteropServices;
using System.Text;
using Mshv.Interop.Upstream;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Runtime.Infrastructure;

/// <summary>
/// The C double of the upstream mshv root driver (tests/Mshv.Tests/Native/mshv_upstream_double.c), compiled from the
/// fetched upstream linux/mshv.h, and its queries. What it reports about a struct it decoded is what C sees, so it is
/// the oracle for the bytes the C# API sent.
/// </summary>
internal static unsafe class UpstreamDouble
{
    private static IntPtr library;

    public const int KindDevice = 1;
    public const int KindPartition = 2;
    public const int KindVp = 3;

    private static IntPtr Library
    {
        get
        {
            _ = MshvDouble.Library; // builds and loads both doubles
            return library;
        }
    }

    /// <summary>Compiles the double into <paramref name="directory"/> and returns the library's path.</summary>
    public static string Compile(string directory)
    {
        string output = System.IO.Path.Combine(directory, "libmshv_upstream_double.so");
        var arguments = new System.Collections.Generic.List<string> { "-shared", "-fPIC", "-O1", "-Wall", "-Wextra", "-Werror" };
        arguments.AddRange(UpstreamHeaders.CompilerArguments());
        arguments.AddRange(new[]
        {
            "-include", "linux/ioctl.h", "-o", output,
            RepoPaths.InRoot("tests", "Mshv.Tests", "Native", "mshv_upstream_double.c"), "-ldl", "-lpthread",
        });
        CCompiler.Compile(arguments.ToArray());
        return output;
    }

    public static void Attach(IntPtr handle) => library = handle;

    /// <summary>Routes /dev/mshv to this double until disposed (tests using it run in the driver double collection).</summary>
    public static IDisposable Serve()
    {
        MshvDouble.RouteDeviceToUpstream(true);
        return new Route();
    }

    public static int KindOf(int fd) => ((delegate* unmanaged<int, int>)Export("mshv_up_kind"))(fd);

    public static int LivePartitions => ((delegate* unmanaged<int>)Export("mshv_up_live_partitions"))();

    public static int LiveVps => ((delegate* unmanaged<int>)Export("mshv_up_live_vps"))();

    /// <summary>Which of the driver's checks produced the last error (a SITE_* value of the double).</summary>
    public static int LastSite => ((delegate* unmanaged<int>)Export("mshv_up_last_site"))();

    /// <summary>A macro or site value of the double, by name (header values come from the C compiler, not from the test).</summary>
    public static ulong Value(string name)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(name + "\0");
        ulong value;
        fixed (byte* pointer = bytes)
        {
            if (((delegate* unmanaged<byte*, ulong*, int>)Export("mshv_up_value"))(pointer, &value) != 0)
            {
                throw new ArgumentException($"the upstream double does not know {name}", nameof(name));
            }
        }

        return value;
    }

    public static int Site(string name) => (int)Value(name);

    /// <summary>The create request as the driver decoded it; <c>v2</c> says whether it read the larger payload.</summary>
    public static (mshv_create_partition_v2 Request, bool V2) Created(int partitionFd)
    {
        mshv_create_partition_v2 request;
        int v2 = ((delegate* unmanaged<int, byte*, int, int>)Export("mshv_up_created"))(partitionFd, (byte*)&request, sizeof(mshv_create_partition_v2));
        if (v2 < 0)
        {
            throw new ArgumentException($"descriptor {partitionFd} is not a partition of the upstream double", nameof(partitionFd));
        }

        return (request, v2 != 0);
    }

    public static bool Initialized(int partitionFd) => ((delegate* unmanaged<int, int>)Export("mshv_up_initialized"))(partitionFd) == 1;

    public static ulong PartitionId(int partitionFd) => ((delegate* unmanaged<int, ulong>)Export("mshv_up_partition_id"))(partitionFd);

    public static mshv_user_mem_region[] Regions(int partitionFd) =>
        Records<mshv_user_mem_region>("mshv_up_regions", partitionFd);

    public static mshv_user_irqfd[] Irqfds(int partitionFd) => Records<mshv_user_irqfd>("mshv_up_irqfds", partitionFd);

    public static mshv_user_ioeventfd[] Ioeventfds(int partitionFd) => Records<mshv_user_ioeventfd>("mshv_up_ioeventfds", partitionFd);

    public static mshv_user_irq_entry[] Routes(int partitionFd) => Records<mshv_user_irq_entry>("mshv_up_routes", partitionFd);

    /// <summary>Guest memory read by guest physical address through the mapped regions, as the hypervisor would.</summary>
    public static byte[] ReadGuest(int partitionFd, ulong guestPhysicalAddress, int length)
    {
        byte[] bytes = new byte[length];
        fixed (byte* pointer = bytes)
        {
            int ok = ((delegate* unmanaged<int, ulong, byte*, int, int>)Export("mshv_up_read_guest"))(partitionFd, guestPhysicalAddress, pointer, length);
            if (ok != 0)
            {
                throw new InvalidOperationException($"guest physical 0x{guestPhysicalAddress:X} (+{length}) is not in a mapped region");
            }
        }

        return bytes;
    }

    public static void SetPageAccess(int partitionFd, ulong gfn, bool accessed, bool dirty) =>
        ((delegate* unmanaged<int, ulong, int, int, void>)Export("mshv_up_set_page_access"))(partitionFd, gfn, accessed ? 1 : 0, dirty ? 1 : 0);

    /// <summary>Bit 0 accessed, bit 1 dirty, as the double's hypervisor keeps them.</summary>
    public static int PageAccess(int partitionFd, ulong gfn) => ((delegate* unmanaged<int, ulong, int>)Export("mshv_up_page_access"))(partitionFd, gfn);

    public static void ScriptHypercallStatus(ushort status) => ((delegate* unmanaged<ushort, void>)Export("mshv_up_script_hv_status"))(status);

    public static (mshv_root_hvcall Args, byte[] Input, bool FromVp) LastHypercall()
    {
        mshv_root_hvcall args;
        byte[] input = new byte[4096];
        int fromVp;
        fixed (byte* pointer = input)
        {
            fromVp = ((delegate* unmanaged<mshv_root_hvcall*, byte*, int, int>)Export("mshv_up_last_hvcall"))(&args, pointer, input.Length);
        }

        return (args, input, fromVp != 0);
    }

    public static void QueueMessage(int vpFd, ReadOnlySpan<byte> message)
    {
        fixed (byte* pointer = message)
        {
            if (((delegate* unmanaged<int, byte*, int, int>)Export("mshv_up_queue_message"))(vpFd, pointer, message.Length) != 0)
            {
                throw new InvalidOperationException($"could not queue a message on descriptor {vpFd}");
            }
        }
    }

    /// <summary>Reads (or writes) bytes of a VP page as the double's hypervisor sees it.</summary>
    public static byte[] VpPage(int vpFd, int page, int offset, int length)
    {
        byte[] bytes = new byte[length];
        fixed (byte* pointer = bytes)
        {
            Check(((delegate* unmanaged<int, int, int, byte*, int, int, int>)Export("mshv_up_vp_page"))(vpFd, page, offset, pointer, length, 0));
        }

        return bytes;
    }

    public static void WriteVpPage(int vpFd, int page, int offset, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* pointer = bytes)
        {
            Check(((delegate* unmanaged<int, int, int, byte*, int, int, int>)Export("mshv_up_vp_page"))(vpFd, page, offset, pointer, bytes.Length, 1));
        }
    }

    /// <summary>The VP's state of one kind as the double's hypervisor holds it (its size is the state's size).</summary>
    public static byte[] VpState(int vpFd, int kind)
    {
        byte[] buffer = new byte[3 * 4096];
        int size;
        fixed (byte* pointer = buffer)
        {
            size = ((delegate* unmanaged<int, int, byte*, int, int>)Export("mshv_up_vp_state"))(vpFd, kind, pointer, buffer.Length);
        }

        Check(size < 0 ? -1 : 0);
        return buffer.AsSpan(0, size).ToArray();
    }

    public static uint VpIndex(int vpFd) => ((delegate* unmanaged<int, uint>)Export("mshv_up_vp_index"))(vpFd);

    private static T[] Records<T>(string export, int partitionFd)
        where T : unmanaged
    {
        const int Max = 64;
        T* buffer = stackalloc T[Max];
        int count = ((delegate* unmanaged<int, T*, int, int>)Export(export))(partitionFd, buffer, Max);
        return count < 0 ? throw new ArgumentException($"descriptor {partitionFd} is not a partition") : new Span<T>(buffer, Math.Min(count, Max)).ToArray();
    }

    private static void Check(int result)
    {
        if (result != 0)
        {
            throw new InvalidOperationException("the upstream double refused the query (not a VP descriptor, or out of range)");
        }
    }

    private static IntPtr Export(string name) => NativeLibrary.GetExport(Library, name);

    private sealed class Route : IDisposable
    {
        public void Dispose() => MshvDouble.RouteDeviceToUpstream(false);
    }
}
