using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mshv.Interop.Upstream;
using Mshv.Runtime;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Runtime.Infrastructure;
using Mshv.Upstream;
using Xunit;

namespace Mshv.Tests.Flexible;

/// <summary>MSHV_SET_MSI_ROUTING (upstream linux/mshv.h, struct mshv_user_irq_table) through an owned buffer, against
/// the C double of the upstream driver, which decodes the table with the C compiler's layout.</summary>
[Collection(DriverDoubleCollection.Name)]
public sealed class MsiRoutingFlexibleTests
{
    [Fact]
    public void The_buffer_layout_is_gccs()
    {
        string[] c = CCompiler.CompileAndRun(
            "#include <stdio.h>\n#include <stddef.h>\n#include <linux/ioctl.h>\n#include <linux/mshv.h>\n"
            + "int main(void) { printf(\"%zu %zu %zu\\n\", sizeof(struct mshv_user_irq_table), offsetof(struct mshv_user_irq_table, entries), "
            + "sizeof(struct mshv_user_irq_entry)); return 0; }\n",
            UpstreamHeaders.CompilerArguments()).Split(' ', StringSplitOptions.TrimEntries);

        Assert.Equal(int.Parse(c[0]), Unsafe.SizeOf<mshv_user_irq_table>());
        Assert.Equal(int.Parse(c[1]), FlexibleBufferAssert.ElementsOffset<mshv_user_irq_table, mshv_user_irq_entry>());
        Assert.Equal(int.Parse(c[2]), Unsafe.SizeOf<mshv_user_irq_entry>());
        Assert.Equal(
            Math.Max(int.Parse(c[0]), int.Parse(c[1]) + (3 * int.Parse(c[2]))),
            new FlexibleArrayBuffer<mshv_user_irq_table, mshv_user_irq_entry>(3).ByteLength);
    }

    [Fact]
    public void The_double_sees_exactly_the_buffers_entries_and_the_guards_hold()
    {
        using var route = UpstreamDouble.Serve();
        using MshvRoot root = MshvRoot.Open();
        using GuestPartition partition = root.CreatePartition();
        FlexibleArrayBuffer<mshv_user_irq_table, mshv_user_irq_entry> table = new(5);
        table.Count = 3; // two spare elements: the driver must read only nr of them
        for (uint i = 0; i < 3; i++)
        {
            table.Elements[(int)i].gsi = 20 + i;
            table.Elements[(int)i].address_lo = 0xFEE0_0000 | (i << 12);
            table.Elements[(int)i].data = 0x4100 + i;
        }

        partition.Handle.Ioctl(MshvIoctls.MSHV_SET_MSI_ROUTING, table);

        mshv_user_irq_entry[] seen = UpstreamDouble.Routes(partition.Handle.FileDescriptor);
        Assert.Equal(MemoryMarshal.AsBytes(table.Elements).ToArray(), MemoryMarshal.AsBytes(seen.AsSpan()).ToArray());
        Assert.Equal(3u, table.Header.nr);
        FlexibleBufferAssert.GuardsIntact(table);
    }
}
