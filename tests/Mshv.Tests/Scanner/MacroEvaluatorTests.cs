using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>
/// The scanner evaluates macros from the first parse's tokens and asks clang (the probe unit) only for what it does
/// not model. With <see cref="ScanOptions.CheckEvaluator"/> the scan also probes every macro and throws on any
/// difference, so these scans prove the evaluator answers as clang does on C's corner cases (the sweep does the same
/// on every uapi header with <c>MSHV_SCAN_CHECK_EVALUATOR=1</c>).
/// </summary>
public sealed class MacroEvaluatorTests
{
    private const string Corners = """
        #include <linux/types.h>
        #include <linux/const.h>
        struct sized { __u32 a; __u8 b; };
        struct only_declared;
        enum small { SMALL_A = 1, SMALL_B = -2 };
        enum wide { WIDE_BIG = 0x100000000ULL, WIDE_FITS = 3 };
        typedef unsigned short ushort_t;
        #define LIT_INT 2147483647
        #define LIT_DEC_LONG 2147483648
        #define LIT_HEX_UINT 0x80000000
        #define LIT_HEX_ULL 0xffffffffffffffffULL
        #define LIT_OCT 0777
        #define LIT_BIN 0b101
        #define LIT_UL 1UL
        #define LIT_LU 1lu
        #define LIT_LL 5LL
        #define LIT_CHAR 'A'
        #define LIT_ESC '\n'
        #define LIT_HEXCHAR '\x7f'
        #define NEG (-1)
        #define NEG_UNSIGNED (-1U)
        #define NOT_ZERO (!0)
        #define INVERT (~0)
        #define INVERT_UL (~0UL)
        #define SHIFT_SIGN (1 << 31)
        #define SHIFT_LONG (1UL << 63)
        #define MIXED (1U + -2)
        #define MIXED_LONG (1L + 2U)
        #define DIVIDE (-7 / 2)
        #define MODULO (-7 % 2)
        #define COMPARE (-1 < 1U)
        #define TERNARY (1 ? 2U : 3L)
        #define LOGIC (0 || 3 && 4)
        #define CAST_U8 ((__u8)300)
        #define CAST_S8 ((__s8)200)
        #define CAST_TYPEDEF ((ushort_t)-1)
        #define CAST_CHAR ((char)65)
        #define SIZE (sizeof(struct sized))
        #define SIZE_ARRAY (sizeof(__u64[3]))
        #define SIZE_POINTER (sizeof(struct only_declared *))
        #define SIZE_INCOMPLETE (sizeof(struct only_declared))
        #define ENUM_REF (SMALL_B * 2)
        #define ENUM_WIDE (WIDE_FITS)
        #define ENUM_BIG (WIDE_BIG)
        #define CHAINED (LIT_UL << 4)
        #define BIT3 _BITUL(3)
        #define PASTE_TYPE _AC(1, ULL)
        #define UNDECLARED (NOT_DECLARED + 1)
        #define STRING "text"
        #define FLOATING 1.5
        #define OVERFLOW (2147483647 + 1)
        #define BY_ZERO (1 / 0)
        #define TOO_FAR (1 << 32)
        #define REDEFINED 1
        #undef REDEFINED
        #define REDEFINED 2
        #define UNDEFINED_LATER 7
        #undef UNDEFINED_LATER
        #define SELF SELF
        #define FN(x, y) ((x) * (y) + 1)
        #define CALLED FN(2, LIT_LL)
        """;

    [Fact]
    public void The_evaluator_and_clang_agree_on_the_corners_of_C()
    {
        using var temp = new TempHeaders();
        string header = temp.Write("corners.h", Corners);
        ScanResult result = HeaderScanner.Scan(new ScanOptions(new[] { header }, new[] { temp.Directory }, System.Array.Empty<string>(), System.Array.Empty<string>())
        {
            IoctlPrelude = true,
            CheckEvaluator = true,
        });

        Assert.NotNull(result.Model);
        var macros = result.Model!.Macros.ToDictionary(m => m.Name, m => (m.Value, m.CType));
        Assert.Equal(("2147483648", "long"), macros["LIT_DEC_LONG"]);
        Assert.Equal(("2147483648", "unsigned int"), macros["LIT_HEX_UINT"]);
        Assert.Equal(("-2147483648", "int"), macros["SHIFT_SIGN"]);
        Assert.Equal(("4294967295", "unsigned int"), macros["MIXED"]);
        Assert.Equal(("0", "int"), macros["COMPARE"]);
        Assert.Equal(("44", "unsigned char"), macros["CAST_U8"]);
        Assert.Equal(("8", "unsigned long"), macros["SIZE"]);
        Assert.Equal(("8", "unsigned long"), macros["BIT3"]);
        Assert.Equal(("2", "int"), macros["REDEFINED"]);
        Assert.Equal(("11", "long long"), macros["CALLED"]);
        Assert.DoesNotContain("UNDEFINED_LATER", macros.Keys);
        Assert.DoesNotContain("UNDECLARED", macros.Keys);
        Assert.DoesNotContain("STRING", macros.Keys);
        Assert.DoesNotContain("SIZE_INCOMPLETE", macros.Keys);
    }

    [Fact]
    public void The_evaluator_and_clang_agree_on_kvm_requests_fields_and_arguments()
    {
        ScanResult result = HeaderScanner.Scan(ScanSetups.Kvm with { IoctlPrelude = true, CheckEvaluator = true });

        Assert.NotNull(result.Model);
        Assert.Contains(result.Model!.Ioctls, i => i.Name == "KVM_RUN");
    }

    [Fact]
    public void The_evaluator_and_clang_agree_on_request_builders_at_every_point()
    {
        var options = new ScanOptions(new[] { "linux/input.h", "linux/hidraw.h", "linux/spi/spidev.h" }, System.Array.Empty<string>(),
            System.Array.Empty<string>(), System.Array.Empty<string>()) { IoctlPrelude = true, CheckEvaluator = true };
        ScanResult result = HeaderScanner.Scan(options);

        Assert.NotNull(result.Model);
        Assert.Contains(result.Model!.RequestBuilders, b => b.Name == "EVIOCGNAME");
        Assert.Contains(result.Model.RequestBuilders, b => b.Name == "SPI_IOC_MESSAGE");
    }
}
