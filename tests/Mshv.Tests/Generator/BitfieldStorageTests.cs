using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Mshv.Generator.Models;
using Mshv.Tests.Generator.Support;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>
/// A bitfield's storage never covers a non-bitfield neighbour: C11 makes that neighbour its own memory location
/// (in kvm_run the kernel writes it concurrently), so a setter's read-modify-write must not touch its bytes.
/// Offsets and sizes come from gcc.
/// </summary>
public sealed class BitfieldStorageTests
{
    private const string Header = """
        #include <stdint.h>
        struct bits2 {
            uint32_t q : 3;
            uint32_t other;
        };

        struct __attribute__((packed)) pk {
            uint8_t a;
            uint32_t q : 3;
            uint32_t r : 20;
            uint8_t b;
        };
        """;

    private const string Template = """
        abi 1
        target x86_64-pc-linux-gnu
        header test.h

        struct bits2 size={{sizeof(struct bits2)}} align={{_Alignof(struct bits2)}} at=test.h:2
          field q bit={{BITOFF(struct bits2, q)}} width={{BITWIDTH(struct bits2, q)}} type=u32 c="uint32_t" at=test.h:3
          field other bit={{offsetof(struct bits2, other)*8}} type=u32 c="uint32_t" at=test.h:4

        struct pk size={{sizeof(struct pk)}} align={{_Alignof(struct pk)}} packed at=test.h:7
          field a bit={{offsetof(struct pk, a)*8}} type=u8 c="uint8_t" at=test.h:8
          field q bit={{BITOFF(struct pk, q)}} width={{BITWIDTH(struct pk, q)}} type=u32 c="uint32_t" at=test.h:9
          field r bit={{BITOFF(struct pk, r)}} width={{BITWIDTH(struct pk, r)}} type=u32 c="uint32_t" at=test.h:10
          field b bit={{offsetof(struct pk, b)*8}} type=u8 c="uint8_t" at=test.h:11

        end
        """;

    /// <summary>gcc's byte ranges of the non-bitfield neighbours, "start size" per line.</summary>
    private const string NeighbourTemplate = """
        {{offsetof(struct bits2, other)}} {{sizeof(((struct bits2 *)0)->other)}}
        {{offsetof(struct pk, a)}} {{sizeof(((struct pk *)0)->a)}}
        {{offsetof(struct pk, b)}} {{sizeof(((struct pk *)0)->b)}}
        """;

    private static readonly Lazy<EmitResult> Emitted = new(() => GeneratedCode.Emit(CLayoutTemplate.Fill(Template, Header)));

    [Theory]
    [InlineData("bits2", 0)]
    [InlineData("pk", 1)]
    [InlineData("pk", 2)]
    public void Bitfield_storage_does_not_overlap_a_non_bitfield_neighbour(string type, int neighbour)
    {
        string[] range = CLayoutTemplate.Fill(NeighbourTemplate, Header).Split('\n')[neighbour].Trim().Split(' ');
        long start = long.Parse(range[0]);
        long end = start + long.Parse(range[1]);
        Assembly assembly = GeneratedCode.Load(Emitted.Value.Files.Select(f => f.Source));

        List<FieldInfo> storage = assembly.GetType(GeneratedCode.Namespace + "." + type)!
            .GetFields(BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(f => f.Name.StartsWith("__bits_", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(storage);
        foreach (FieldInfo field in storage)
        {
            long offset = field.GetCustomAttribute<FieldOffsetAttribute>()!.Value;
            long size = Marshal.SizeOf(field.FieldType);
            Assert.True(offset + size <= start || offset >= end, field.Name + " covers bytes " + offset + ".." + (offset + size - 1) + ", overlapping the neighbour at " + start + ".." + (end - 1));
        }
    }

    [Fact]
    public void Setting_a_bitfield_leaves_the_neighbours_bytes_as_C_does()
    {
        var (c, cs) = DualScenario.Run(
            Header,
            Emitted.Value.Files.Select(f => f.Source),
            "struct bits2 v; memset(&v, 0xA5, sizeof v); struct pk w; memset(&w, 0x5A, sizeof w);",
            "var v = new bits2(); FILL(ref v, 0xA5); var w = new pk(); FILL(ref w, 0x5A);",
            "v.q = 2; P(v.q); PB(v); w.q = 6; w.r = 0xABCDE; P(w.q); P(w.r); PB(w);");

        Assert.Equal(c, cs);
    }
}
