using System;
using System.IO;
using System.Linq;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Mshv.Tests.Conformance;

/// <summary>
/// One case per layout defect the whole-tree sweep found (tests/Mshv.Sweep): the smallest header that shows it, run
/// through the same conformance comparison with gcc.
/// </summary>
public sealed class SweepRegressionTests(ITestOutputHelper output)
{
    /// <summary>Found in asm/e820.h and asm/bootparam.h (x86_64): arrays of packed 20-byte entries stepped 24 bytes in C#.</summary>
    [Fact]
    public void Array_of_packed_records_has_the_C_element_stride()
    {
        ConformanceReport report = Run("""
            #include <linux/types.h>
            struct entry { __u64 addr; __u64 size; __u32 type; } __attribute__((packed));
            struct table { __u32 count; struct entry map[3]; };
            struct after { struct entry one; __u8 tail; };
            """);

        Assert.True(report.Mismatches.Count == 0, report.Describe());
        Assert.Contains("record table", report.MeasuredByC.Keys);
    }

    /// <summary>
    /// Found in review: a record less aligned than its fields without <c>packed</c> on the record (<c>#pragma pack</c>, a
    /// packed member) stepped at .NET's rounded size in arrays, so the records holding them grew too.
    /// </summary>
    [Fact]
    public void Records_aligned_below_their_fields_without_the_packed_attribute_have_the_C_stride()
    {
        ConformanceReport report = Run("""
            #include <linux/types.h>
            #pragma pack(push, 2)
            struct pragma_packed { __u32 a; __u16 b; };
            #pragma pack(pop)
            struct of_pragma_packed { struct pragma_packed v[2]; __u8 tail; };
            struct member_packed { __u16 x; __u32 y __attribute__((packed)); __u16 z; __u8 w; };
            struct of_member_packed { struct member_packed m[3]; __u8 tail; };
            #pragma pack(push, 4)
            struct wide_bits { __u64 lo : 40; __u64 hi : 24; __u32 c; };
            #pragma pack(pop)
            struct of_wide_bits { __u8 head; struct wide_bits b[2]; };
            """);

        Assert.True(report.Mismatches.Count == 0, report.Describe());
        Assert.Contains("record of_pragma_packed", report.MeasuredByC.Keys);
        Assert.Contains("record of_member_packed", report.MeasuredByC.Keys);
        Assert.Contains("record of_wide_bits", report.MeasuredByC.Keys);
    }

    /// <summary>
    /// Found in review: a tag and a typedef of one name (<c>foo</c> and <c>foo.typedef</c> in the model), and a member named
    /// like a made-up record name (<c>anon0</c>), each measured by gcc through the conformance probes.
    /// </summary>
    [Fact]
    public void A_tag_and_a_typedef_of_one_name_and_a_member_named_anon0_match_gcc()
    {
        ConformanceReport report = Run("""
            #include <linux/types.h>
            struct foo { int x; };
            typedef struct __attribute__((packed)) { long y; char z[3]; } foo;
            struct both { struct foo a; foo b[2]; __u8 tail; };
            struct p { struct { long a, a2; } anon0; union { int b; char c; }; };
            """);

        Assert.True(report.Mismatches.Count == 0, report.Describe());
        Assert.Contains("record foo.typedef", report.MeasuredByC.Keys);
        Assert.Contains("record both", report.MeasuredByC.Keys);
        Assert.Contains("record p", report.MeasuredByC.Keys);
    }

    /// <summary>Found in 14 headers (atmapi.h, elf.h, xfrm.h…): a record named by its typedef has no tag for C to name it by.</summary>
    [Fact]
    public void Untagged_typedef_records_are_measured_by_their_typedef_name()
    {
        ConformanceReport report = Run("""
            #include <linux/types.h>
            typedef struct { __u16 lo; __u32 hi; } __attribute__((packed)) untagged_t;
            typedef union { __u32 a4; __u32 a6[4]; } untagged_u;
            struct holder { untagged_t two[2]; untagged_u address; };
            """);

        Assert.True(report.Mismatches.Count == 0, report.Describe());
        Assert.Contains("record untagged_t", report.MeasuredByC.Keys);
        Assert.True(report.Records >= 3, report.Summary);
    }

    /// <summary>Found in fanotify.h, mei.h, qnx4_fs.h: the untagged typedef record comes from a header that was not scanned.</summary>
    [Fact]
    public void Untagged_typedef_records_of_an_included_header_are_measured_by_their_typedef_name()
    {
        ConformanceReport report = Run(
            """
            #include "other.h"
            struct fs_event { other_fsid_t fsid; __u32 mask; };
            """,
            ("other.h", "#include <linux/types.h>\ntypedef struct { int val[2]; } other_fsid_t;\n"));

        Assert.True(report.Mismatches.Count == 0, report.Describe());
        Assert.Contains("record other_fsid_t", report.MeasuredByC.Keys);
    }

    /// <summary>
    /// Found in linux/kvm.h on aarch64: arm64's asm/kvm.h defines <c>struct kvm_sregs {}</c>, so KVM_GET_SREGS is a valid
    /// request with size 0 whose argument C# cannot represent. The generator declines the typed descriptor with a named
    /// diagnostic; the request number stays a compared constant.
    /// </summary>
    [Fact]
    public void An_ioctl_on_an_empty_struct_is_declined_by_name_and_its_number_kept()
    {
        ConformanceReport report = Run("""
            #include <linux/ioctl.h>
            struct nothing { };
            struct something { int a; };
            #define GET_NOTHING _IOR('E', 1, struct nothing)
            #define GET_SOMETHING _IOR('E', 2, struct something)
            """);

        Assert.True(report.Mismatches.Count == 0, report.Describe());
        // gcc measured both requests and the constant; only the typed descriptor of GET_NOTHING is missing in C#.
        Assert.Contains("macro GET_NOTHING", report.MeasuredByC.Keys);
        Assert.Contains("ioctl GET_NOTHING", report.MeasuredByC.Keys);
        Assert.Equal(2, report.Ioctls);
    }

    /// <summary>
    /// Found in linux/netfilter/xt_time.h (both architectures): an enum that holds 0xFFFFFFFE beside small values. gcc types
    /// the enumerators that fit <c>int</c> as <c>int</c>, libclang 22 gives them the enum's <c>unsigned int</c>, so
    /// <c>XT_TIME_ALL_FLAGS</c> came out unsigned; and the wide enumerator itself was read back sign-extended, as -2.
    /// </summary>
    [Fact]
    public void Enumerators_keep_gccs_types_in_macros_and_wide_enumerators_their_unsigned_value()
    {
        const string header = """
            enum { SMALL_A = 1 << 0, SMALL_B = 1 << 1, WIDE = 0xFFFFFFFE };
            #define BOTH_SMALL (SMALL_A | SMALL_B)
            #define WIDE_COPY WIDE
            """;
        ConformanceReport report = Run(header);

        Assert.True(report.Mismatches.Count == 0, report.Describe());
        Assert.Contains("macro BOTH_SMALL", report.MeasuredByC.Keys);

        using var folder = new TempDirectory("sweep-regression-enum");
        string file = Path.Combine(folder.Path, "regression.h");
        File.WriteAllText(file, header);
        ScanResult scan = HeaderScanner.Scan(new ScanOptions(new[] { file }, new[] { folder.Path }, Array.Empty<string>(), Array.Empty<string>()));
        long scanned = scan.Model!.Enums.SelectMany(e => e.Constants).Single(c => c.Name == "WIDE").Value;
        string byGcc = CCompiler.CompileAndRun(
            "#include <stdio.h>\n#include \"regression.h\"\nint main(void) { printf(\"%lld\", (long long)WIDE); return 0; }\n",
            new[] { "-I", folder.Path });
        Assert.Equal(byGcc, scanned.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Reported by the sweep's own regression test: a C tag that is a C# keyword (<c>struct event</c>, <c>enum object</c>)
    /// was declared and referenced without <c>@</c>, so the generated C# did not compile.
    /// </summary>
    [Fact]
    public void Records_and_enums_named_after_CSharp_keywords_compile_and_match_gcc()
    {
        ConformanceReport report = Run("""
            struct event { int a; struct event *next; };
            enum object { OBJECT_A = 1 };
            struct holder { struct event e[2]; enum object kind; int operator; };
            """);

        Assert.True(report.Mismatches.Count == 0, report.Describe());
        Assert.Contains("record event", report.MeasuredByC.Keys);
        Assert.Contains("record holder", report.MeasuredByC.Keys);
    }

    /// <summary>
    /// Found by the hostile-input pass: a member whose type has size 0 in GNU C (the union of flexible arrays of
    /// <c>kvm_nested_state.data</c>, gcc: offset 128, size 0) was dropped with no diagnostic, so nothing reached
    /// <c>data.vmx[0]</c>. Both spellings of the kernel (<c>__DECLARE_FLEX_ARRAY</c> and <c>T x[0]</c>), a named empty
    /// struct and a zero-size member nested in another are measured: offsets, and the arrays' element sizes.
    /// </summary>
    [Fact]
    public void Zero_size_members_and_their_flexible_arrays_have_gccs_offsets_and_element_sizes()
    {
        ConformanceReport report = Run("""
            #include <linux/types.h>
            #include <linux/stddef.h>
            struct elem { __u32 a; __u16 b; };
            struct big { __u8 bytes[24]; };
            struct marker { };
            struct declared {
                __u16 flags;
                __u32 size;
                struct marker here;
                union {
                    __DECLARE_FLEX_ARRAY(struct elem, e);
                    __DECLARE_FLEX_ARRAY(struct big, b);
                } data;
            };
            struct zero_length {
                __u64 head;
                __u8 odd;
                union { struct elem e[0]; __u16 h[0]; } tail;
            };
            struct nested {
                __u32 n;
                struct { union { __u64 q[0]; struct big b[0]; } inner; } outer;
            };
            """);

        Assert.True(report.Mismatches.Count == 0, report.Describe());
        foreach (string member in new[] { "declared here", "declared data", "declared data.e", "declared data.b", "zero_length tail", "zero_length tail.e",
            "zero_length tail.h", "nested outer", "nested outer.inner", "nested outer.inner.q", "nested outer.inner.b" })
        {
            Assert.Contains("member " + member, report.MeasuredByC.Keys);
        }

        Assert.Equal("offset=64 element=24", report.MeasuredByC["member declared data.b"]);
        Assert.DoesNotContain(report.MeasuredByC.Keys, k => k.Contains("__empty", StringComparison.Ordinal));
    }

    private ConformanceReport Run(string header, params (string Name, string Text)[] included)
    {
        using var folder = new TempDirectory("sweep-regression");
        foreach ((string name, string text) in included)
        {
            File.WriteAllText(Path.Combine(folder.Path, name), text);
        }

        string file = Path.Combine(folder.Path, "regression.h");
        File.WriteAllText(file, header);
        var options = new ScanOptions(new[] { file }, new[] { folder.Path }, Array.Empty<string>(), new[] { "linux/ioctl.h" });
        ConformanceReport report = ConformanceRunner.Run(options, new[] { "regression.h" });
        output.WriteLine(report.Summary);
        return report;
    }
}
