using System;
using System.Globalization;
using System.IO;
using EntropyCount;
using EntropyCount.Interop;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Samples;

/// <summary>
/// The "bind your own device" sample (samples/EntropyCount): bindings generated from the system's linux/random.h
/// at build time, driving /dev/urandom through FileDescriptorHandle. The request number is gcc's, and the answer is
/// the kernel's own (what /proc shows).
/// </summary>
public sealed class EntropyCountTests
{
    [Fact]
    public void RNDGETENTCNT_has_the_number_gcc_computes()
    {
        string gcc = CCompiler.CompileAndRun(
            "#include <stdio.h>\n#include <linux/random.h>\nint main(void) { printf(\"%lu\", (unsigned long)RNDGETENTCNT); return 0; }\n",
            Array.Empty<string>());
        Assert.Equal(gcc, RandomConstants.RNDGETENTCNT.ToString(CultureInfo.InvariantCulture));
        Assert.Equal((uint)RandomConstants.RNDGETENTCNT, RandomIoctls.RNDGETENTCNT.Request);
    }

    [Fact]
    public void The_sample_reads_the_entropy_count_the_kernel_shows_in_proc()
    {
        using EntropyPool pool = EntropyPool.Open();
        // Kernels before 5.18 let the count drift between two reads: retry until one pair agrees.
        for (int attempt = 0; ; attempt++)
        {
            int bits = pool.EntropyBits();
            int proc = int.Parse(File.ReadAllText("/proc/sys/kernel/random/entropy_avail").Trim(), CultureInfo.InvariantCulture);
            if (bits == proc || attempt == 4)
            {
                Assert.Equal(proc, bits);
                return;
            }
        }
    }
}
