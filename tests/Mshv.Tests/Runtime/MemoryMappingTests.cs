using System;
using System.Linq;
using Mshv.Runtime;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Runtime.Infrastructure;
using Xunit;

namespace Mshv.Tests.Runtime;

[Collection(DriverDoubleCollection.Name)]
public sealed class MemoryMappingTests
{
    [Fact]
    public void Protection_values_are_those_of_sys_mman_h()
    {
        string[] fromC = CCompiler.CompileAndRun(
            "#include <stdio.h>\n#include <sys/mman.h>\n"
            + "int main(void) { printf(\"%d %d %d %d\\n\", PROT_NONE, PROT_READ, PROT_WRITE, PROT_EXEC); return 0; }\n", Array.Empty<string>())
            .Split(' ', StringSplitOptions.TrimEntries);

        Assert.Equal(
            new[] { fromC[0], fromC[1], fromC[2], fromC[3] },
            new[] { MemoryProtection.None, MemoryProtection.Read, MemoryProtection.Write, MemoryProtection.Execute }
                .Select(p => ((int)p).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public unsafe void Anonymous_memory_is_page_aligned_zeroed_and_writable()
    {
        using MemoryMapping memory = MemoryMapping.Anonymous(3 * 4096, MemoryProtection.ReadWrite);

        Assert.Equal(0ul, (ulong)memory.Address % (ulong)Environment.SystemPageSize);
        Assert.True(memory.Access(static bytes => bytes.IndexOfAnyExcept((byte)0) < 0));
        memory.Access(static bytes => { bytes.Fill(0xa5); return 0; });
        Assert.Equal(0xa5, ((byte*)memory.Address)[3 * 4096 - 1]);
    }

    [Fact]
    public unsafe void Every_access_after_dispose_throws()
    {
        MemoryMapping memory = MemoryMapping.Anonymous(4096, MemoryProtection.ReadWrite);
        memory.Dispose();

        Assert.Throws<ObjectDisposedException>(() => (nint)memory.Address);
        Assert.Throws<ObjectDisposedException>(() => memory.Read<long>(0));
        Assert.Throws<ObjectDisposedException>(() => memory.Write(8, 1L));
        Assert.Throws<ObjectDisposedException>(() => memory.CopyTo(0, new byte[16]));
        Assert.Throws<ObjectDisposedException>(() => memory.CopyFrom(0, new byte[16]));
        Assert.Throws<ObjectDisposedException>(() => memory.Access(static bytes => bytes.Length));
    }

    [Fact]
    public void An_access_the_pages_protection_does_not_allow_is_refused_not_a_fault()
    {
        // Without the check each of these is a SIGSEGV in managed code: an AccessViolationException ends the process.
        using MemoryMapping readOnly = MemoryMapping.Anonymous(4096, MemoryProtection.Read);
        using MemoryMapping none = MemoryMapping.Anonymous(4096, MemoryProtection.None);

        Assert.Equal(MemoryProtection.Read, readOnly.Protection);
        Assert.Equal(0L, readOnly.Read<long>(8));
        Assert.Equal(new byte[4], readOnly.ToArray(0, 4));
        Assert.Throws<InvalidOperationException>(() => readOnly.Write(0, 1L));
        Assert.Throws<InvalidOperationException>(() => readOnly.CopyFrom(0, new byte[16]));
        Assert.Throws<InvalidOperationException>(() => readOnly.Access(static bytes => { bytes[0] = 1; return 0; }));
        Assert.Throws<InvalidOperationException>(() => none.Read<long>(0));
        Assert.Throws<InvalidOperationException>(() => none.CopyTo(0, new byte[16]));
        Assert.Throws<InvalidOperationException>(() => none.Access(static bytes => bytes[0]));
    }

    [Fact]
    public void An_access_outside_the_mapping_is_refused()
    {
        using MemoryMapping memory = MemoryMapping.Anonymous(4096, MemoryProtection.ReadWrite);

        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Read<long>(4096 - 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.CopyFrom(nuint.MaxValue, new byte[1]));
        memory.Write(4096 - 8, -1L);
        Assert.Equal(-1L, memory.Read<long>(4096 - 8));
    }

    [Fact]
    public void Zero_length_fails_with_EINVAL_naming_mmap()
    {
        IoctlException error = Assert.Throws<IoctlException>(() => MemoryMapping.Anonymous(0, MemoryProtection.ReadWrite));

        Assert.Equal(Errno.EINVAL, error.Errno);
        Assert.Equal("mmap(anonymous, 0 bytes, ReadWrite)", error.Operation);
        Assert.Contains("zero length", error.Meaning);
    }

    [Fact]
    public void Mapping_the_fake_mshv_device_fails_like_the_seed_driver_with_ENODEV()
    {
        using MshvDevice device = MshvDevice.Open();

        // The seed's file_operations have no .mmap: the kernel answers ENODEV, and so does the double.
        IoctlException error = Assert.Throws<IoctlException>(() => MemoryMapping.Shared(device.Handle, 4096, MemoryProtection.ReadWrite));

        Assert.Equal(Errno.ENODEV, error.Errno);
        Assert.StartsWith("mmap(fd ", error.Operation);
        Assert.Contains("does not support mmap", error.Meaning);
    }
}
