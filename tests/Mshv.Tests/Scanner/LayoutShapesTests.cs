using System;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Scanner;

/// <summary>Layout shapes the vendored headers do not have, checked against cc.</summary>
public sealed class LayoutShapesTests
{
    private const string Header = """
        #include <linux/types.h>
        #include <linux/ioctl.h>
        enum shape_color { SHAPE_RED = 1, SHAPE_BLUE = -2 };
        enum { SHAPE_ANON_A = 7 };
        typedef struct { __u16 a; __u8 b; } shape_pair_t;
        struct shape_packed { __u8 tag; __u64 value; __u16 tail[3]; } __attribute__((packed));
        struct shape_bits {
        	__u32 low : 3;
        	__u32 : 5;
        	__s32 signed_field : 7;
        	__u64 wide : 60;
        	__u64 crossing : 40;
        	enum shape_color color : 4;
        };
        struct shape_nested {
        	struct { __u32 x; __u8 y[2][3]; } named;
        	union { __u64 whole; struct { __u32 lo, hi; }; };
        	void (*callback)(int);
        	shape_pair_t pair;
        	enum shape_color color;
        	__u32 count;
        	__u64 items[];
        };
        #define SHAPE_MASK (~0ULL << 12)
        #define SHAPE_NEG (-5)
        #define SHAPE_GET _IOR('s', 3, struct shape_nested)
        #define SHAPE_GET_ALIAS SHAPE_GET
        """;

    [Fact]
    public void Packed_bitfield_nested_and_flexible_layouts_agree_with_the_C_compiler()
    {
        using var temp = new TempHeaders();
        temp.Write("shapes.h", Header);
        AbiModel model = SeedModelTests.Scan(new ScanOptions(new[] { "test/shapes.h" }, new[] { temp.Directory }, Array.Empty<string>(), Array.Empty<string>()));

        string printed = CCompiler.CompileAndRun(LayoutOracle.Program(model), new[] { "-I", temp.Directory });
        Assert.Equal(LayoutOracle.Expected(model), printed);

        Assert.True(model.Records.Single(r => r.Name == "shape_packed").IsPacked);
        Assert.False(model.Records.Single(r => r.Name == "shape_bits").IsPacked);
        AbiRecord nested = model.Records.Single(r => r.Name == "shape_nested");
        Assert.Equal("shape_nested.named", nested.Fields.Single(f => f.Name == "named").Type.RecordName);
        Assert.Equal(new long[] { 2, 3 }, model.Records.Single(r => r.Name == "shape_nested.named").Fields.Single(f => f.Name == "y").Type.Dimensions.ToArray());
        Assert.Equal(new long[] { 0 }, nested.Fields.Single(f => f.Name == "items").Type.Dimensions.ToArray());
        Assert.Equal(AbiPrimitive.Pointer, nested.Fields.Single(f => f.Name == "callback").Type.Primitive);
        Assert.Equal("shape_color", nested.Fields.Single(f => f.Name == "color").Type.EnumName);
        Assert.Equal("shape_pair_t", nested.Fields.Single(f => f.Name == "pair").Type.RecordName);
        Assert.Equal("shape_nested.anon0", nested.Fields.Single(f => f.IsAnonymousMember).Type.RecordName);
        Assert.Contains(model.Records, r => r.Name == "shape_nested.anon0.anon0" && r.IsAnonymous);
        Assert.DoesNotContain(model.Records.Single(r => r.Name == "shape_bits").Fields, f => f.Name.Length == 0);
        Assert.Equal("union {...}", nested.Fields.Single(f => f.IsAnonymousMember).CType);
        Assert.Equal("struct {...}", model.Records.Single(r => r.Name == "shape_nested.anon0").Fields.Single(f => f.IsAnonymousMember).CType);
        AbiTypedef pair = model.Typedefs.Single(t => t.Name == "shape_pair_t");
        Assert.Equal(("shape_pair_t", "struct {...}"), (pair.Type.RecordName, pair.CType));
        Assert.Contains(model.Enums, e => e.IsAnonymous && e.Name == "anon@test/shapes.h:4");
        AbiIoctl alias = model.Ioctls.Single(i => i.Name == "SHAPE_GET_ALIAS");
        Assert.Equal(model.Ioctls.Single(i => i.Name == "SHAPE_GET").Request, alias.Request);
        Assert.Equal("struct shape_nested", alias.ArgumentCType);
        Assert.Equal(IoctlDirection.Read, alias.Direction);
        Assert.Equal("unsigned long long", model.Macros.Single(m => m.Name == "SHAPE_MASK").CType);
        Assert.Equal("~0ULL << 12", model.Macros.Single(m => m.Name == "SHAPE_MASK").Expansion.Trim('(', ')', ' '));
    }
}
