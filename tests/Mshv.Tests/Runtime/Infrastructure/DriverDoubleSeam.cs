using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mshv;

namespace Mshv.Tests.Runtime.Infrastructure;

/// <summary>
/// The seam (docs/runtime-seam.md): Mshv.Bindings imports "libc"; for this test process that name resolves to
/// the C double of the seed driver, which serves the fake /dev/mshv and forwards everything else to the real
/// C library (so /dev/kvm tests work through it unchanged). Installed once, before any test runs.
/// </summary>
internal static class DriverDoubleSeam
{
    [ModuleInitializer]
    internal static void Install() =>
        NativeLibrary.SetDllImportResolver(typeof(MshvDevice).Assembly, Resolve);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == "libc" ? MshvDouble.Library : IntPtr.Zero;
}
