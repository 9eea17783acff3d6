using System.Runtime.InteropServices;

namespace Mshv.Scanner;

/// <summary>
/// libclang runs each parse on a new thread with an 8 MB stack (its crash-recovery thread) unless the process
/// environment has <c>LIBCLANG_NOTHREADS</c>; .NET's Environment.SetEnvironmentVariable does not reach the native
/// environment that libclang's getenv reads, so it is set with libc's setenv.
/// </summary>
internal static partial class LibClangThreads
{
    public static void RunOnCallersThread() => _ = setenv("LIBCLANG_NOTHREADS", "1", 1);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
