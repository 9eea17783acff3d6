using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;

namespace Mshv.Cli.Scanning;

/// <summary>
/// <c>mshv scan</c>'s lint for request numbers that two names share (<see cref="SharedRequestNumbers"/>). It is a
/// warning, not an error (the kernel allows one number on different file descriptors), and only the CLI prints it:
/// a build that lists kvm.h would otherwise warn on a header nobody can change.
/// </summary>
internal static class RequestNumberLint
{
    public static void Write(AbiModel model, TextWriter error)
    {
        foreach (SharedRequestNumber shared in SharedRequestNumbers.In(model))
        {
            AbiIoctl last = shared.Ioctls[shared.Ioctls.Count - 1];
            string names = string.Join(", ", shared.Ioctls.Select(i => i.Name + " (" + i.Location + ")"));
            string message = "ioctl request 0x" + shared.Request.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + " is encoded by "
                + names + "; a driver can tell them apart only by the file descriptor they are issued on, and a seccomp "
                + "filter by number cannot tell them apart at all. Check that they belong to different descriptors";
            error.WriteLine(new ScanDiagnostic(ScanDiagnosticIds.SharedRequestNumber, ScanSeverity.Warning, last.Location.File, last.Location.Line, message));
        }
    }
}
