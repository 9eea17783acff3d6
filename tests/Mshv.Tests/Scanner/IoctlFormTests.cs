using System;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>Requests built through wrappers, parentheses and _IOC keep their argument type; unreadable ones warn.</summary>
public sealed class IoctlFormTests
{
    private const string Header = """
        #include <linux/ioctl.h>
        struct m_arg { int a; long long b; char c[5]; };
        #define M_BASE 'M'
        #define MY_IOWR(nr, t) _IOWR(M_BASE, nr, t)
        #define MY_IOC_W(nr, t) _IOW(M_BASE, nr, t)
        #define MY_IOW(nr, t) MY_IOC_W(nr, t)
        #define MY_IO() _IO(M_BASE, 6)
        #define M_GET MY_IOWR(1, struct m_arg)
        #define M_SET (_IOW('M', 2, struct m_arg))
        #define M_READ _IOC(_IOC_READ, 'M', 3, sizeof(struct m_arg))
        #define M_PAIR MY_IOW(4, unsigned int[2])
        #define M_ALIAS (M_GET)
        #define M_PLAIN MY_IO()
        #define M_ODD _IOC(_IOC_READ, 'M', 5, 16)
        #define NOT_IOCTL (_IOC_NRBITS + 1)
        #define SIZE_MASK ((1 << _IOC_SIZEBITS) - 1)
        """;

    [Theory]
    [InlineData("M_GET", IoctlDirection.ReadWrite, "struct m_arg")] // wrapper macro
    [InlineData("M_SET", IoctlDirection.Write, "struct m_arg")] // surrounding parentheses
    [InlineData("M_READ", IoctlDirection.Read, "struct m_arg")] // _IOC with sizeof
    [InlineData("M_PAIR", IoctlDirection.Write, "unsigned int [ 2 ]")] // wrapper of a wrapper, array argument
    [InlineData("M_ALIAS", IoctlDirection.ReadWrite, "struct m_arg")] // parenthesized alias of a wrapped request
    [InlineData("M_PLAIN", IoctlDirection.None, null)] // parameterless wrapper of _IO
    public void Wrapped_parenthesized_and_IOC_requests_keep_their_argument_type(string name, IoctlDirection direction, string? argumentCType)
    {
        using var temp = new TempHeaders();
        string path = temp.Write("forms.h", Header);
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        AbiModel model = result.Model!;
        CompiledIoctl compiled = IoctlOracle.Decode(path, new[] { name }, Array.Empty<string>())[name];
        ulong argumentSize = IoctlOracle.Values(path, new[] { argumentCType is null ? "0" : "sizeof(" + argumentCType + ")" }, Array.Empty<string>())[0];
        AbiIoctl ioctl = Assert.Single(model.Ioctls, x => x.Name == name);
        Assert.Equal(compiled.Request, ioctl.Request);
        Assert.Equal(compiled.Size, ioctl.Size);
        Assert.Equal(argumentSize, ioctl.Size);
        Assert.Equal(direction, ioctl.Direction);
        Assert.Equal(argumentCType, ioctl.ArgumentCType);
        if (argumentCType is not null)
        {
            Assert.Equal((long)argumentSize, SizeOf(model, ioctl.ArgumentType!));
        }

        Assert.DoesNotContain(model.Ioctls, x => x.Name is "M_ODD" or "NOT_IOCTL");
    }

    [Fact]
    public void A_request_whose_argument_type_cannot_be_recovered_warns_at_its_line_and_stays_a_constant()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("forms.h", Header);
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { path }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()));
        ScanDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal(ScanDiagnosticIds.IoctlFormUnrecognized, warning.Id);
        Assert.Equal(ScanSeverity.Warning, warning.Severity);
        Assert.Equal(path, warning.File);
        Assert.Equal(Array.IndexOf(Header.Split('\n'), "#define M_ODD _IOC(_IOC_READ, 'M', 5, 16)") + 1, warning.Line);
        Assert.Contains("M_ODD", warning.Message, StringComparison.Ordinal);
        Assert.Contains("argument type could not be recovered", warning.Message, StringComparison.Ordinal);
        // SIZE_MASK decodes with a non-zero type too, but builds no request: no warning for it.
        Assert.NotEqual(0UL, IoctlOracle.Decode(path, new[] { "SIZE_MASK" }, Array.Empty<string>())["SIZE_MASK"].Type);
        ulong[] value = IoctlOracle.Values(path, new[] { "M_ODD" }, Array.Empty<string>());
        Assert.Equal(value[0].ToString(System.Globalization.CultureInfo.InvariantCulture), result.Model!.Macros.Single(m => m.Name == "M_ODD").Value);
    }

    private static long SizeOf(AbiModel model, AbiType type)
    {
        long element = type.IsRecord ? model.Records.Single(r => r.Name == type.RecordName).Size : AbiPrimitive.SizeOf(type.Primitive);
        return type.Dimensions.Aggregate(element, (total, dimension) => total * dimension);
    }
}
