using System;
using System.IO;
using System.Linq;
using Mshv.Scanner;
using Xunit;

namespace Mshv.Tests.Scanner;

public sealed class LibclangResolutionTests
{
    [Fact]
    public void Libclang_is_loaded_from_the_NuGet_runtime_asset_not_the_system()
    {
        ScanResult result = HeaderScanner.Scan(ScanSetups.Seed);
        Assert.NotNull(result.Model);
        string[] loaded = File.ReadAllLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty)
            .Where(path => Path.GetFileName(path).StartsWith("libclang", StringComparison.Ordinal))
            .Distinct()
            .ToArray();
        string expected = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libclang.so");
        Assert.Equal(new[] { expected }, loaded);
    }
}
