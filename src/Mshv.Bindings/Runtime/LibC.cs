using System.Runtime.InteropServices;

namespace Mshv.Runtime;

/// <summary>The three libc calls the runtime makes.</summary>
/// <remarks>
/// The library name is exactly "libc" (the runtime maps it to the C library's soname). Tests rely on it: they
/// install a DllImport resolver that maps "libc" to a C double of the driver (docs/runtime-seam.md), so
/// production code carries no test hook at all.
/// </remarks>
internal static unsafe partial class LibC
{
    // Linux generic values (x86-64 and arm64 agree); checked against <fcntl.h> by the test suite.
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
}
