using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Mshv.Abi;
using Mshv.Interop.Rfc;
using Mshv.Tests.Generator.Support;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>
/// The structs the generator produced inside the real Mshv.Bindings build, measured in C# and compared with
/// what gcc says about the vendored headers.
/// </summary>
public sealed class SeedBindingsTests
{
    private static readonly Assembly Bindings = typeof(mshv_create_partition).Assembly;

    [Fact]
    public void Every_seed_struct_has_the_C_size()
    {
        AbiRecord[] records = SeedModel.Model.Records.Where(r => !r.IsAnonymous).ToArray();
        IReadOnlyList<string> c = SeedModel.RunC(string.Concat(records.Select(r => "P(sizeof(" + r.CKeyword + " " + r.Name + "));\n")));

        // Unsafe.SizeOf also proves the generic inline arrays load inside explicit layouts (no TypeLoadException).
        IEnumerable<string> cs = records.Select(r => SizeOf(Bindings.GetType("Mshv.Interop.Rfc." + r.Name.Replace(".", "__"), throwOnError: true)!).ToString());

        Assert.Equal(c, cs);
    }

    [Fact]
    public void Every_seed_macro_constant_has_the_C_value()
    {
        AbiMacro[] macros = SeedModel.Model.Macros.ToArray();
        IReadOnlyList<string> c = SeedModel.RunC(string.Concat(macros.Select(m => "P(" + m.Name + ");\n")));

        Type constants = Bindings.GetType("Mshv.Interop.Rfc.MshvConstants", throwOnError: true)!;
        IEnumerable<string> cs = macros.Select(m => AsSigned(constants.GetField(m.Name)!.GetRawConstantValue()!).ToString());

        Assert.Equal(c, cs);
    }

    [Fact]
    public void Every_seed_ioctl_descriptor_carries_the_C_request_number()
    {
        AbiIoctl[] ioctls = SeedModel.Model.Ioctls.ToArray();
        IReadOnlyList<string> c = SeedModel.RunC(string.Concat(ioctls.Select(i => "P(" + i.Name + ");\n")));

        // The class is internal while Mshv.Bindings has no public descriptor types of its own.
        Type descriptors = Bindings.GetType("Mshv.Interop.Rfc.MshvIoctls", throwOnError: true)!;
        IEnumerable<string> cs = ioctls.Select(i =>
        {
            object descriptor = descriptors.GetProperty(i.Name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            return ((uint)descriptor.GetType().GetProperty("Request")!.GetValue(descriptor)!).ToString();
        });

        Assert.Equal(c, cs);
    }

    [Fact]
    public void Ioctl_descriptor_is_typed_by_its_argument_struct()
    {
        PropertyInfo field = Bindings.GetType("Mshv.Interop.Rfc.MshvIoctls", throwOnError: true)!.GetProperty("MSHV_CREATE_PARTITION")!;

        // IoctlWrite<T, TOn>: the argument struct, then the fd kind set (/dev/mshv: MshvFdKinds.System).
        Assert.Equal("IoctlWrite`2", field.PropertyType.Name);
        Assert.Equal(typeof(mshv_create_partition), field.PropertyType.GetGenericArguments()[0]);
        Assert.Equal("System", field.PropertyType.GetGenericArguments()[1].Name);
    }

    [Fact]
    public void Anonymous_bitfields_alias_the_same_bits_as_the_union_words()
    {
        IReadOnlyList<string> c = SeedModel.RunC("""
            union hv_partition_processor_features f; memset(&f, 0, sizeof f);
            f.tsx_ctrl_support = 1; f.acount_mcount_support = 1; f.reserved_bank1 = 0x2AAAAAAAAAAULL;
            P(f.as_uint64[0]); P(f.as_uint64[1]);
            f.as_uint64[1] = 0; f.as_uint64[0] = 1ULL << 62;
            P(f.tsx_ctrl_support); P(f.reserved_bank0); P(f.rtm_support);
            """);

        var f = new hv_partition_processor_features();
        f.tsx_ctrl_support = 1;
        f.acount_mcount_support = 1;
        f.reserved_bank1 = 0x2AAAAAAAAAAUL;
        var cs = new List<string> { ((long)f.as_uint64[0]).ToString(), unchecked((long)f.as_uint64[1]).ToString() };
        f.as_uint64[1] = 0;
        f.as_uint64[0] = 1UL << 62;
        cs.AddRange(new[] { f.tsx_ctrl_support, f.reserved_bank0, f.rtm_support }.Select(v => v.ToString()));

        Assert.Equal(c, cs);
    }

    [Fact]
    public void Inline_array_index_out_of_range_throws()
    {
        var f = new hv_partition_processor_features();
        int past = f.as_uint64.Length;
        int before = -1;

        Assert.Throws<IndexOutOfRangeException>(() => f.as_uint64[past] = 1);
        Assert.Throws<IndexOutOfRangeException>(() => _ = f.as_uint64[before]);
    }

    [Fact]
    public void Inline_array_length_and_span_cover_the_C_array()
    {
        IReadOnlyList<string> c = SeedModel.RunC("""
            union hv_partition_processor_features f; memset(&f, 0, sizeof f);
            P(sizeof f.as_uint64 / sizeof f.as_uint64[0]);
            f.as_uint64[1] = 5;
            P(f.acount_mcount_support); P(f.tsc_invariant_support);
            """);

        var f = new hv_partition_processor_features();
        Span<ulong> span = f.as_uint64.AsSpan();
        span[1] = 5;

        Assert.Equal(c, new[] { f.as_uint64.Length.ToString(), f.acount_mcount_support.ToString(), f.tsc_invariant_support.ToString() });
        Assert.Equal(f.as_uint64.Length, span.Length);
    }

    private static int SizeOf(Type type) =>
        (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;

    private static long AsSigned(object value) => value switch
    {
        ulong u => unchecked((long)u),
        _ => Convert.ToInt64(value),
    };
}
