using System.Runtime.InteropServices;

namespace Mshv.Runtime;

/// <summary>The libc calls the runtime makes: open, ioctl, close, and mmap/munmap for shared driver pages.</summary>
/// <remarks>
/// The library name is exactly "libc" (the runtime maps it to the C library's soname). Tests rely on it: they
/// install a DllImport resolver that maps "libc" to a C double of the driver (docs/runtime-seam.md), so
/// production code carries no test hook at all.
/// </remarks>
internal static unsafe partial class LibC
{
    // Linux generic values (x86-64 and arm64 agree); checked against <fcntl.h> by the test suite.
    internal const int O_RDONLY = 0x0;
    internal const int O_WRONLY = 0x1;
    internal const int O_RDWR = 0x2;
    internal const int O_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    // ioctl is variadic in C; on the Linux ABIs we target a pointer-sized third argument is passed exactly as
    // in a non-variadic call, which is what the kernel's (unsigned long arg) receives.
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    // Linux generic values (x86-64 and arm64 agree); MemoryProtection's values are checked against <sys/mman.h>
    // by the test suite, and a wrong MAP_* value makes every mapping test fail with EINVAL.
    internal const int MAP_SHARED = 0x01;
    internal const int MAP_PRIVATE = 0x02;
    internal const int MAP_ANONYMOUS = 0x20;

    /// <summary>mmap's error return, <c>(void *)-1</c>.</summary>
    internal static readonly void* MapFailed = (void*)-1;

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    internal static partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Munmap(void* address, nuint length);
}
