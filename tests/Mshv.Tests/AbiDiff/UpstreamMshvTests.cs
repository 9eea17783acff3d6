using System;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Abi.Diff;
using Mshv.Cli;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Scanner;
using Xunit;
using static Mshv.Tests.AbiDiffTests.DiffModels;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>
/// The seed's RFC mshv.h against the upstream one (fetched linux-libc-dev): the request number the RFC gave
/// MSHV_REQUEST_VERSION now means MSHV_CHECK_EXTENSION, and upstream gives one number to two names. Request numbers
/// come from gcc compiling the same headers.
/// </summary>
public sealed class UpstreamMshvTests
{
    private static readonly string[] UpstreamArguments = UpstreamHeaders.CompilerArguments().Concat(new[] { "-include", "linux/ioctl.h" }).ToArray();

    [Fact]
    public void Upstream_check_extension_reusing_the_rfc_request_version_number_is_breaking_and_named()
    {
        AbiModel seed = HeaderScanner.Scan(ScanSetups.Seed).Model!;
        AbiModel upstream = ScanUpstream();
        ulong rfcNumber = IoctlOracle.Values(Path.Combine(RepoPaths.Headers, "linux", "mshv.h"), new[] { "MSHV_REQUEST_VERSION" }, CCompiler.SeedHeaderArguments)[0];
        ulong upstreamNumber = IoctlOracle.Values("linux/mshv.h", new[] { "MSHV_CHECK_EXTENSION" }, UpstreamArguments)[0];
        Assert.Equal(rfcNumber, upstreamNumber);

        AbiChange change = Find(AbiDiff.Compare(seed, upstream), ChangeSeverity.Breaking, AbiChangeKind.IoctlNumberReused, "ioctl MSHV_CHECK_EXTENSION");

        Assert.StartsWith("request 0x" + rfcNumber.ToString("x") + " was MSHV_REQUEST_VERSION", change.Message);
        Assert.Contains("now means MSHV_CHECK_EXTENSION", change.Message);
    }

    [Fact]
    public void Scan_warns_that_two_upstream_requests_share_a_number()
    {
        ulong[] numbers = IoctlOracle.Values("linux/mshv.h", new[] { "MSHV_SET_POLL_FILE", "MSHV_SINT_PAUSE_MESSAGE_STREAM" }, UpstreamArguments);
        Assert.Equal(numbers[0], numbers[1]);
        var error = new StringWriter();

        int exit = Program.Run(
            new[] { "scan", "--header", "linux/mshv.h", "-I", UpstreamHeaders.IncludeRoot, "-I", UpstreamHeaders.AsmRoot("x86_64-linux-gnu"), "--include", "linux/ioctl.h" },
            new StringWriter(),
            error);

        Assert.Equal(0, exit);
        string warning = Assert.Single(error.ToString().Split('\n'), l => l.Contains(ScanDiagnosticIds.SharedRequestNumber));
        Assert.Contains(": warning MSHVS030: ioctl request 0x" + numbers[0].ToString("x") + " is encoded by MSHV_SET_POLL_FILE (linux/mshv.h:", warning);
        Assert.Contains("MSHV_SINT_PAUSE_MESSAGE_STREAM (linux/mshv.h:", warning);
    }

    [Fact]
    public void An_alias_of_a_request_is_not_a_shared_number()
    {
        AbiModel model = CheckedScan.Model("#define KVMIO 0xAE\n#define __KVM_DEPRECATED_MAIN_0x07 _IO(KVMIO, 0x07)\n#define KVM_TRACE_PAUSE __KVM_DEPRECATED_MAIN_0x07\n"
            + "#define A_REQ _IOW(KVMIO, 0x08, __u32)\n#define B_REQ _IOW(KVMIO, 0x08, __u32)");

        SharedRequestNumber shared = Assert.Single(SharedRequestNumbers.In(model));
        Assert.Equal(new[] { "A_REQ", "B_REQ" }, shared.Ioctls.Select(i => i.Name));
        Assert.Equal(2, model.Ioctls.Count(i => i.Request == model.Ioctls.Single(k => k.Name == "KVM_TRACE_PAUSE").Request));
    }

    private static AbiModel ScanUpstream()
    {
        ScanResult result = HeaderScanner.Scan(new ScanOptions(
            new[] { "linux/mshv.h" },
            new[] { UpstreamHeaders.IncludeRoot, UpstreamHeaders.AsmRoot("x86_64-linux-gnu") },
            Array.Empty<string>(),
            new[] { "linux/ioctl.h" }));
        Assert.True(result.Model is not null, string.Join("\n", result.Diagnostics));
        return result.Model!;
    }
}
