using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Mshv.Interop.Rfc;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Runtime.Infrastructure;

/// <summary>The compiled C double of the seed driver (tests/Mshv.Tests/Native/mshv_double.c) and its queries.</summary>
/// <remarks>Built on first use with the system C compiler from the vendored headers; what it reports about a
/// struct it decoded is what C sees, so it is the oracle for the bytes C# sent.</remarks>
internal static unsafe class MshvDouble
{
    /// <summary>Bitfield record selector understood by the double.</summary>
    public const int ProcessorFeatures = 0;

    /// <summary>Bitfield record selector understood by the double.</summary>
    public const int XsaveFeatures = 1;

    private static readonly Lazy<IntPtr> Loaded = new(Build);

    public static IntPtr Library => Loaded.Value;

    public static int MaxPartitions => CallInt("mshv_double_max_partitions");

    public static int PartitionCount => CallInt("mshv_double_partition_count");

    public static int CreatesDecoded => CallInt("mshv_double_creates_decoded");

    public static ulong LastFlags => CallULong("mshv_double_last_flags");

    public static int Enotsupp => CallInt("mshv_double_enotsupp");

    public static bool LastOpenWasReadWriteCloseOnExec => CallInt("mshv_double_last_open_was_rdwr_cloexec") != 0;

    /// <summary>0 for a descriptor the double does not own, 1 for a fake device, 2 for a fake partition.</summary>
    public static int KindOf(int fd) => ((delegate* unmanaged<int, int>)Export("mshv_double_kind"))(fd);

    /// <summary>While on, open("/dev/mshv") reaches the upstream driver's double instead of the seed's.</summary>
    public static void RouteDeviceToUpstream(bool on) =>
        ((delegate* unmanaged<int, void>)Export("mshv_double_route_device_to_next"))(on ? 1 : 0);

    /// <summary>The size field of the last <c>EVIOCGNAME</c> the fake evdev device (<c>evdev_double.c</c>) saw.</summary>
    public static uint EvdevLastSize => ((delegate* unmanaged<uint>)Export("evdev_double_last_size"))();

    /// <summary>The path at which the double serves its fake evdev device.</summary>
    public const string EvdevPath = "/dev/input/mshv-double-event0";

    public static void FailNextOpen(int errno) => ((delegate* unmanaged<int, void>)Export("mshv_double_fail_next_open"))(errno);

    public static ulong FlagValue(string macro)
    {
        byte[] name = Encoding.UTF8.GetBytes(macro + "\0");
        ulong value;
        fixed (byte* pointer = name)
        {
            int found = ((delegate* unmanaged<byte*, ulong*, int>)Export("mshv_double_flag_value"))(pointer, &value);
            if (found != 0)
            {
                throw new ArgumentException($"the double does not know {macro}", nameof(macro));
            }
        }

        return value;
    }

    public static int RecordSize(int which) => ((delegate* unmanaged<int, int>)Export("mshv_double_record_size"))(which);

    public static int FieldCount(int which) => ((delegate* unmanaged<int, int>)Export("mshv_double_field_count"))(which);

    public static string FieldName(int which, int index) =>
        Marshal.PtrToStringUTF8(((delegate* unmanaged<int, int, IntPtr>)Export("mshv_double_field_name"))(which, index))
        ?? throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The bits C gives member <paramref name="index"/> (set it to all ones in a zeroed record).</summary>
    public static int[] FieldBits(int which, int index) => Bits((out_, max) =>
        ((delegate* unmanaged<int, int, int*, int, int>)Export("mshv_double_field_bits"))(which, index, out_, max));

    /// <summary>The value C read from member <paramref name="index"/> of the last decoded create request.</summary>
    public static ulong LastFieldValue(int which, int index) =>
        ((delegate* unmanaged<int, int, ulong>)Export("mshv_double_last_field_value"))(which, index);

    /// <summary>The set bits of the record in the last decoded create request.</summary>
    public static int[] LastSetBits(int which) => Bits((out_, max) =>
        ((delegate* unmanaged<int, int*, int, int>)Export("mshv_double_last_set_bits"))(which, out_, max));

    public static void ArmGate() => ((delegate* unmanaged<void>)Export("mshv_double_arm_gate"))();

    public static bool WaitGateEntered(int timeoutMilliseconds) =>
        ((delegate* unmanaged<int, int>)Export("mshv_double_wait_gate_entered"))(timeoutMilliseconds) != 0;

    public static void ReleaseGate() => ((delegate* unmanaged<void>)Export("mshv_double_release_gate"))();

    private delegate int BitsQuery(int* output, int max);

    private static int[] Bits(BitsQuery query)
    {
        const int Max = 1024;
        int* buffer = stackalloc int[Max];
        int count = query(buffer, Max);
        return new Span<int>(buffer, Math.Min(count, Max)).ToArray();
    }

    private static int CallInt(string name) => ((delegate* unmanaged<int>)Export(name))();

    private static ulong CallULong(string name) => ((delegate* unmanaged<ulong>)Export(name))();

    private static IntPtr Export(string name) => NativeLibrary.GetExport(Library, name);

    private static IntPtr Build()
    {
        string directory = CCompiler.NewWorkDirectory("double");
        File.WriteAllText(Path.Combine(directory, "mshv_double_fields.h"), FieldsHeader());
        string library = Path.Combine(directory, "libmshv_double.so");
        // The upstream driver's double is the seed double's next layer: it serves /dev/mshv while the seed double routes
        // the device to it (UpstreamDouble.Serve), and forwards everything else to the C library.
        string upstream = UpstreamDouble.Compile(directory);
        CCompiler.Compile(
            "-shared", "-fPIC", "-O1", "-Wall", "-Wextra", "-Werror",
            "-I", RepoPaths.InRoot("headers"), "-I", directory, "-include", "linux/ioctl.h",
            "-DMSHV_DOUBLE_NEXT=\"" + upstream + "\"",
            "-o", library, RepoPaths.InRoot("tests", "Mshv.Tests", "Native", "mshv_double.c"), RepoPaths.InRoot("tests", "Mshv.Tests", "Native", "evdev_double.c"),
            "-ldl", "-lpthread");
        IntPtr handle = NativeLibrary.Load(library);
        UpstreamDouble.Attach(NativeLibrary.Load(upstream));

        // Loaded libraries stay mapped after their file is removed: leave nothing behind in the temp folder.
        Directory.Delete(directory, recursive: true);
        return handle;
    }

    /// <summary>The bitfield members C# exposes, by name, in declaration order: what the double must decode.</summary>
    public static IReadOnlyList<string> BitfieldProperties(Type record) =>
        record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.PropertyType == typeof(ulong) && property.CanRead && property.CanWrite)
            .OrderBy(property => property.MetadataToken)
            .Select(property => property.Name)
            .ToArray();

    private static string FieldsHeader()
    {
        static string List(Type record) =>
            string.Concat(BitfieldProperties(record).Select(name => $" \\\n\tX({name})"));
        return "// Generated by the test run from the C# bindings' bitfield properties.\n"
            + $"#define MSHV_DOUBLE_FEATURE_FIELDS(X){List(typeof(hv_partition_processor_features))}\n"
            + $"#define MSHV_DOUBLE_XSAVE_FIELDS(X){List(typeof(hv_partition_processor_xsave_features))}\n";
    }
}
