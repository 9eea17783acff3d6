using System;
using System.IO;
using Mshv.Ioctls;
using Mshv.Runtime;
using Mshv.Tests.Runtime.Infrastructure;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Runtime;

[Collection(DriverDoubleCollection.Name)]
public sealed class ReadRequestTests
{
    [Fact]
    public void The_kernel_fills_an_IoctlRead_argument_passed_by_ref()
    {
        // FIONREAD on a regular file: the kernel writes the bytes left to read into the caller's int. The request
        // number comes from <sys/ioctl.h>; the call goes through the double's forwarding path to the real kernel.
        uint fionread = uint.Parse(CCompiler.CompileAndRun(
            "#include <stdio.h>\n#include <sys/ioctl.h>\nint main(void) { printf(\"%u\", (unsigned)FIONREAD); return 0; }\n", System.Array.Empty<string>()));
        using var folder = new TempDirectory("fionread");
        string file = Path.Combine(folder.Path, "data");
        File.WriteAllBytes(file, new byte[1234]);
        using FileDescriptorHandle handle = FileDescriptorHandle.Open(file, ErrnoMeanings.Generic);
        int available = -1;

        int result = handle.Ioctl(new IoctlRead<int>("FIONREAD", fionread), ref available);

        Assert.Equal(0, result);
        Assert.Equal(1234, available);
    }

    [Fact]
    public void A_failing_real_request_reports_the_generic_meaning_and_its_name()
    {
        using var folder = new TempDirectory("enotty");
        string file = Path.Combine(folder.Path, "data");
        File.WriteAllBytes(file, [1]);
        using FileDescriptorHandle handle = FileDescriptorHandle.Open(file, ErrnoMeanings.Generic);

        IoctlException error = Assert.Throws<IoctlException>(() => handle.Ioctl(new IoctlNone("NOT_A_FILE_REQUEST", 0)));

        Assert.Equal(Errno.ENOTTY, error.Errno);
        Assert.Equal("NOT_A_FILE_REQUEST failed with ENOTTY (25): inappropriate ioctl for device (no driver-specific meaning known)", error.Message);
    }
}
