using System;
using System.Collections.Generic;
using System.Linq;
using Mshv.Generator.Models;

namespace Mshv.Tests.Generator.Support;

/// <summary>
/// A small header exercising what the seed headers do not (signed, bool and word-crossing bitfields, nested
/// anonymous members at non-zero offsets, named members of unnamed type, 2-D and flexible arrays, enums,
/// ioctls), and its ABI model with every number filled in by gcc.
/// </summary>
internal static class TestModel
{
    public const string Header = """
        #include <stdint.h>
        #include <stdbool.h>
        #include <linux/ioctl.h>
        struct bits {
            uint32_t low : 3;
            int32_t signed_mid : 5;
            uint8_t byte_after;
            bool flag : 1;
            int64_t wide_signed : 40;
            uint16_t tail : 9;
        };

        struct __attribute__((packed)) crossing {
            uint64_t head : 60;
            uint64_t straddle : 10;
        };

        struct outer {
            uint32_t head;
            union {
                struct {
                    uint16_t lo;
                    uint16_t hi;
                };
                uint32_t word;
            };
            struct {
                uint8_t x;
                int8_t y : 4;
            } named;
            uint32_t grid[2][3];
        };

        enum color { RED = 1, GREEN = 2, BLUE = 0x80000000u };
        enum { ANON_LIMIT = 7 };

        struct flex {
            uint32_t count;
            enum color tint;
            uint64_t entries[];
        };

        struct tagged {
            enum color hue : 2;
            unsigned int rest : 30;
        };

        #define TEST_BIG 0xFFFFFFFFFFFFF000ULL
        #define TEST_NEG (-5)
        #define TEST_IOCTL _IOWR('T', 3, struct bits)
        """;

    /// <summary>Named twins of the anonymous records, so C can measure them (it cannot name the originals).</summary>
    public const string MeasureOnly = """
        union outer_anon0 { struct { uint16_t lo; uint16_t hi; }; uint32_t word; };
        struct outer_anon0_anon0 { uint16_t lo; uint16_t hi; };
        typedef __typeof__(((struct outer *)0)->named) outer_named;
        """;

    public const string Template = """
        abi 1
        target x86_64-pc-linux-gnu
        header test.h

        struct bits size={{sizeof(struct bits)}} align={{_Alignof(struct bits)}} at=test.h:4
          field low bit={{BITOFF(struct bits, low)}} width={{BITWIDTH(struct bits, low)}} type=u32 c="uint32_t" at=test.h:5
          field signed_mid bit={{BITOFF(struct bits, signed_mid)}} width={{BITWIDTH(struct bits, signed_mid)}} type=i32 c="int32_t" at=test.h:6
          field byte_after bit={{offsetof(struct bits, byte_after)*8}} type=u8 c="uint8_t" at=test.h:7
          field flag bit={{BITOFF(struct bits, flag)}} width={{BITWIDTH(struct bits, flag)}} type=bool c="_Bool" at=test.h:8
          field wide_signed bit={{BITOFF(struct bits, wide_signed)}} width={{BITWIDTH(struct bits, wide_signed)}} type=i64 c="int64_t" at=test.h:9
          field tail bit={{BITOFF(struct bits, tail)}} width={{BITWIDTH(struct bits, tail)}} type=u16 c="uint16_t" at=test.h:10

        struct crossing size={{sizeof(struct crossing)}} align={{_Alignof(struct crossing)}} packed at=test.h:13
          field head bit={{BITOFF(struct crossing, head)}} width={{BITWIDTH(struct crossing, head)}} type=u64 c="uint64_t" at=test.h:14
          field straddle bit={{BITOFF(struct crossing, straddle)}} width={{BITWIDTH(struct crossing, straddle)}} type=u64 c="uint64_t" at=test.h:15

        struct flex size={{sizeof(struct flex)}} align={{_Alignof(struct flex)}} at=test.h:37
          field count bit={{offsetof(struct flex, count)*8}} type=u32 c="uint32_t" at=test.h:38
          field tint bit={{offsetof(struct flex, tint)*8}} type={{s:PRIM(((struct flex *)0)->tint)}} enum=color c="enum color" at=test.h:39
          field entries bit={{offsetof(struct flex, entries)*8}} type=u64[0] c="uint64_t[]" at=test.h:40

        struct tagged size={{sizeof(struct tagged)}} align={{_Alignof(struct tagged)}} at=test.h:43
          field hue bit={{BITOFF(struct tagged, hue)}} width={{BITWIDTH(struct tagged, hue)}} type={{s:PRIM((enum color)0)}} enum=color c="enum color" at=test.h:44
          field rest bit={{BITOFF(struct tagged, rest)}} width={{BITWIDTH(struct tagged, rest)}} type=u32 c="unsigned int" at=test.h:45

        struct outer size={{sizeof(struct outer)}} align={{_Alignof(struct outer)}} at=test.h:18
          field head bit={{offsetof(struct outer, head)*8}} type=u32 c="uint32_t" at=test.h:19
          field - bit={{offsetof(struct outer, word)*8}} type=record:outer.anon0 c="union (anonymous union at test.h:20:5)" at=test.h:20
          field named bit={{offsetof(struct outer, named)*8}} type=record:outer.named c="struct (unnamed struct at test.h:27:5)" at=test.h:30
          field grid bit={{offsetof(struct outer, grid)*8}} type=u32[2][3] c="uint32_t[2][3]" at=test.h:31

        union outer.anon0 size={{sizeof(union outer_anon0)}} align={{_Alignof(union outer_anon0)}} anonymous at=test.h:20
          field - bit={{offsetof(union outer_anon0, lo)*8}} type=record:outer.anon0.anon0 c="struct (anonymous struct at test.h:21:9)" at=test.h:21
          field word bit={{offsetof(union outer_anon0, word)*8}} type=u32 c="uint32_t" at=test.h:25

        struct outer.anon0.anon0 size={{sizeof(struct outer_anon0_anon0)}} align={{_Alignof(struct outer_anon0_anon0)}} anonymous at=test.h:21
          field lo bit={{offsetof(struct outer_anon0_anon0, lo)*8}} type=u16 c="uint16_t" at=test.h:22
          field hi bit={{offsetof(struct outer_anon0_anon0, hi)*8}} type=u16 c="uint16_t" at=test.h:23

        struct outer.named size={{sizeof(outer_named)}} align={{_Alignof(outer_named)}} at=test.h:27
          field x bit={{offsetof(outer_named, x)*8}} type=u8 c="uint8_t" at=test.h:28
          field y bit={{BITOFF(outer_named, y)}} width={{BITWIDTH(outer_named, y)}} type=i8 c="int8_t" at=test.h:29

        enum anon@test.h:35 anonymous underlying={{s:PRIM(ANON_LIMIT)}} at=test.h:35
          const ANON_LIMIT value={{ANON_LIMIT}}

        enum color underlying={{s:PRIM((enum color)0)}} at=test.h:34
          const RED value={{RED}}
          const GREEN value={{GREEN}}
          const BLUE value={{BLUE}}

        macro TEST_BIG value={{u:TEST_BIG}} type={{s:PRIM(TEST_BIG)}} c="unsigned long long" at=test.h:48 expansion="0xFFFFFFFFFFFFF000ULL"
        macro TEST_IOCTL value={{u:TEST_IOCTL}} type={{s:PRIM(TEST_IOCTL)}} c="unsigned long" at=test.h:50 expansion="_IOWR('T', 3, struct bits)"
        macro TEST_NEG value={{TEST_NEG}} type={{s:PRIM(TEST_NEG)}} c="int" at=test.h:49 expansion="(-5)"

        ioctl TEST_IOCTL request=0x{{x:TEST_IOCTL}} dir=readwrite type=0x{{x:_IOC_TYPE(TEST_IOCTL)}} nr=0x{{x:_IOC_NR(TEST_IOCTL)}} size={{_IOC_SIZE(TEST_IOCTL)}} arg="struct bits" argtype=record:bits at=test.h:50

        end
        """;

    private static readonly Lazy<string> LazyText = new(() => CLayoutTemplate.Fill(Template, Header, MeasureOnly));

    private static readonly Lazy<EmitResult> LazyEmitted = new(() => GeneratedCode.Emit(Text));

    /// <summary>The model text, numbers from gcc.</summary>
    public static string Text => LazyText.Value;

    public static EmitResult Emitted => LazyEmitted.Value;

    public static IEnumerable<string> Sources => Emitted.Files.Select(f => f.Source);

    /// <summary>Runs <paramref name="body"/> in C and C# with <c>T</c> declared (zeroed) in both; returns both outputs.</summary>
    public static (IReadOnlyList<string> C, IReadOnlyList<string> CSharp) Run(string cType, string csType, string body, byte fill = 0) =>
        DualScenario.Run(
            Header,
            Sources,
            cType + " v; memset(&v, " + fill + ", sizeof v);",
            "var v = new " + csType + "(); FILL(ref v, " + fill + ");",
            body);
}
