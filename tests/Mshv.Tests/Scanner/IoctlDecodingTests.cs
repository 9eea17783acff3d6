using System;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>Request fields come from the headers' own _IOC_* macros, whatever bit layout they choose.</summary>
public sealed class IoctlDecodingTests
{
    // powerpc's layout, reachable on any host through asm-generic/ioctl.h's #ifndef hooks.
    private static readonly string[] PowerpcLayout = { "_IOC_SIZEBITS=13", "_IOC_DIRBITS=3", "_IOC_NONE=1U", "_IOC_READ=2U", "_IOC_WRITE=4U" };

    private const string Header = """
        #include <linux/ioctl.h>
        struct t_arg { int a; long b; char c[3]; };
        #define T_NONE _IO('T', 1)
        #define T_WRITE _IOW('T', 2, struct t_arg)
        #define T_READ _IOR('T', 3, struct t_arg)
        #define T_BOTH _IOWR('T', 0x84, struct t_arg)
        """;

    private static readonly (string Name, IoctlDirection Direction)[] Requests =
    {
        ("T_NONE", IoctlDirection.None), ("T_WRITE", IoctlDirection.Write), ("T_READ", IoctlDirection.Read), ("T_BOTH", IoctlDirection.ReadWrite),
    };

    [Fact]
    public void Powerpc_style_layout_is_decoded_as_cc_decodes_it()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("layout.h", Header);
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), PowerpcLayout, Array.Empty<string>()));
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        var compiled = IoctlOracle.Decode(path, Requests.Select(r => r.Name), PowerpcLayout.Select(d => "-D" + d));
        ulong[] bits = IoctlOracle.Values(path, new[] { "_IOC_NONE", "_IOC_READ", "_IOC_WRITE" }, PowerpcLayout.Select(d => "-D" + d));
        foreach ((string name, IoctlDirection direction) in Requests)
        {
            AbiIoctl ioctl = Assert.Single(result.Model!.Ioctls, i => i.Name == name);
            CompiledIoctl expected = compiled[name];
            Assert.Equal(expected.Request, ioctl.Request);
            Assert.Equal(expected.Type, ioctl.Type);
            Assert.Equal(expected.Number, ioctl.Number);
            Assert.Equal(expected.Size, ioctl.Size);
            Assert.Equal(direction, ioctl.Direction);
        }

        // The layout really is not asm-generic's: _IOW's direction is powerpc's write bit.
        Assert.Equal(bits[2], compiled["T_WRITE"].Direction);
        Assert.Equal(bits[0], compiled["T_NONE"].Direction);
    }

    [Fact]
    public void Host_layout_is_decoded_as_cc_decodes_it()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("layout.h", Header);
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
        Assert.Empty(result.Diagnostics);
        var compiled = IoctlOracle.Decode(path, Requests.Select(r => r.Name), Array.Empty<string>());
        foreach ((string name, IoctlDirection direction) in Requests)
        {
            AbiIoctl ioctl = Assert.Single(result.Model!.Ioctls, i => i.Name == name);
            Assert.Equal((compiled[name].Request, compiled[name].Type, compiled[name].Number, compiled[name].Size, direction),
                (ioctl.Request, (ulong)ioctl.Type, (ulong)ioctl.Number, (ulong)ioctl.Size, ioctl.Direction));
        }
    }

    [Fact]
    public void Headers_without_IOC_decoders_fall_back_with_a_warning_at_the_request()
    {
        using var temp = new TempHeaders();
        // A header that builds requests itself and defines none of _IOC_DIR/_IOC_TYPE/_IOC_NR/_IOC_SIZE.
        string path = temp.Write("own.h", """
            struct own_arg { int a; };
            #define _IOC(d, t, n, s) (((d) << 30) | ((t) << 8) | (n) | ((s) << 16))
            #define _IOW(t, n, s) _IOC(1U, (t), (n), sizeof(s))

            #define OWN_SET _IOW('O', 7, struct own_arg)
            """);
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
        ScanDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal(ScanDiagnosticIds.IoctlLayoutAssumed, warning.Id);
        Assert.Equal(ScanSeverity.Warning, warning.Severity);
        Assert.Equal(path, warning.File);
        Assert.Equal(5, warning.Line);
        Assert.Contains("OWN_SET", warning.Message, StringComparison.Ordinal);
        ulong[] expected = IoctlOracle.Values(path, new[] { "OWN_SET", "sizeof(struct own_arg)" }, Array.Empty<string>());
        AbiIoctl ioctl = Assert.Single(result.Model!.Ioctls);
        Assert.Equal(expected[0], ioctl.Request);
        Assert.Equal(expected[1], ioctl.Size);
        Assert.Equal(IoctlDirection.Write, ioctl.Direction);
        Assert.Equal("struct own_arg", ioctl.ArgumentCType);
    }

    [Fact]
    public void Field_macros_that_are_not_shift_and_mask_are_evaluated_per_request()
    {
        using var temp = new TempHeaders();
        // sparc's shape: the size field depends on the direction, so no (request >> shift) & mask decodes it.
        string path = temp.Write("sparc.h", """
            struct sp_arg { int a; long b; };
            #define _IOC_NONE 1U
            #define _IOC_READ 2U
            #define _IOC_WRITE 4U
            #define _IOC(d, t, n, s) (((d) << 29) | ((t) << 8) | (n) | ((s) << 16))
            #define _IO(t, n) _IOC(_IOC_NONE, (t), (n), 0)
            #define _IOW(t, n, s) _IOC(_IOC_WRITE, (t), (n), sizeof(s))
            #define _IOC_DIR(nr) (((nr) >> 29) & 7)
            #define _IOC_TYPE(nr) (((nr) >> 8) & 0xff)
            #define _IOC_NR(nr) (((nr) >> 0) & 0xff)
            #define _IOC_SIZE(nr) ((((nr) >> 29) & 6) ? (((nr) >> 16) & 0x1fff) : 0)

            #define SP_NONE _IO('S', 1)
            #define SP_SET _IOW('S', 2, struct sp_arg)
            """);
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        var compiled = IoctlOracle.Decode(path, new[] { "SP_NONE", "SP_SET" }, Array.Empty<string>());
        foreach ((string name, IoctlDirection direction) in new[] { ("SP_NONE", IoctlDirection.None), ("SP_SET", IoctlDirection.Write) })
        {
            AbiIoctl ioctl = Assert.Single(result.Model!.Ioctls, i => i.Name == name);
            Assert.Equal((compiled[name].Request, compiled[name].Type, compiled[name].Number, compiled[name].Size, direction),
                (ioctl.Request, (ulong)ioctl.Type, (ulong)ioctl.Number, (ulong)ioctl.Size, ioctl.Direction));
        }
    }
}
