using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Mshv.Abi;

namespace Mshv.Cli.Ioctls;

/// <summary>
/// An OCI runtime-spec <c>linux.seccomp</c> object that allows exactly the model's ioctl requests: one
/// <c>ioctl</c> rule per request number on <c>args[1]</c>, compared on its low 32 bits
/// (<c>SCMP_CMP_MASKED_EQ</c> with mask <c>0xFFFFFFFF</c>). Why the mask: the kernel's ioctl handler takes the request
/// as <c>unsigned int</c> and ignores the upper half of the register, while seccomp compares the whole 64-bit
/// register. C code that holds a request in an <c>int</c> sign-extends every <c>_IOR</c>/<c>_IOWR</c> number (bit 31 is
/// set) to <c>0xFFFFFFFF8…</c>; a 64-bit comparison would refuse those calls, which the kernel runs as the allowed
/// request. Every other system call, and every other ioctl, gets <c>defaultAction</c> (EPERM): merge the
/// <c>syscalls</c> entries into the VMM's own profile, which allows the rest of what it needs.
/// A request builder whose arguments move only the size field (<c>EVIOCGNAME(len)</c>: a buffer length) is one rule
/// too, its mask leaving out the size bits, which allows exactly its family; one whose arguments move the number
/// (<c>EVIOCGBIT(ev,len)</c>) cannot be one rule without allowing its type's other requests, so it is left out
/// (<see cref="LeftOut"/>): allow the concrete requests the VMM issues instead.
/// </summary>
internal static class OciSeccompProfile
{
    public const ulong RequestMask = 0xFFFFFFFF;
    private const int Eperm = 1;

    /// <summary>The builders <see cref="Write"/> cannot express as one exact rule.</summary>
    public static IReadOnlyList<AbiRequestBuilder> LeftOut(IReadOnlyList<AbiRequestBuilder> builders) =>
        builders.Where(b => Rule(b) is null).ToList();

    /// <summary>The (mask, value) rule of a builder whose arguments move only its size field, or null.</summary>
    private static (ulong Mask, ulong Value)? Rule(AbiRequestBuilder builder) =>
        builder.Number.IsConstant && RequestBuilderFamily.VariableBits(builder) is uint bits
            ? (RequestMask & ~(ulong)bits, RequestBuilderFamily.BaseRequest(builder) & RequestMask & ~(ulong)bits)
            : null;

    public static string Write(IReadOnlyList<AbiIoctl> ioctls, IReadOnlyList<AbiRequestBuilder> builders, string target)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("defaultAction", "SCMP_ACT_ERRNO");
            json.WriteNumber("defaultErrnoRet", Eperm);
            if (Architecture(target) is string architecture)
            {
                json.WriteStartArray("architectures");
                json.WriteStringValue(architecture);
                json.WriteEndArray();
            }

            json.WriteStartArray("syscalls");
            // One rule per number: names that share a number (aliases, or requests on different descriptors) need one.
            IEnumerable<(ulong Mask, ulong Value)> rules = ioctls.Select(i => (RequestMask, i.Request & RequestMask))
                .Concat(builders.Select(Rule).Where(r => r is not null).Select(r => r!.Value));
            foreach ((ulong mask, ulong request) in rules.Distinct())
            {
                json.WriteStartObject();
                json.WriteStartArray("names");
                json.WriteStringValue("ioctl");
                json.WriteEndArray();
                json.WriteString("action", "SCMP_ACT_ALLOW");
                json.WriteStartArray("args");
                json.WriteStartObject();
                json.WriteNumber("index", 1);
                json.WriteNumber("value", mask);
                json.WriteNumber("valueTwo", request);
                json.WriteString("op", "SCMP_CMP_MASKED_EQ");
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>libseccomp's name for the target's architecture, or null when the triple is not one it knows.</summary>
    public static string? Architecture(string target)
    {
        string arch = target.Split('-')[0];
        return arch switch
        {
            "x86_64" => "SCMP_ARCH_X86_64",
            "i386" or "i486" or "i586" or "i686" => "SCMP_ARCH_X86",
            "aarch64" => "SCMP_ARCH_AARCH64",
            "arm" or "armv7" or "armv7l" => "SCMP_ARCH_ARM",
            "riscv64" => "SCMP_ARCH_RISCV64",
            "powerpc64le" or "ppc64le" => "SCMP_ARCH_PPC64LE",
            "powerpc64" or "ppc64" => "SCMP_ARCH_PPC64",
            "s390x" => "SCMP_ARCH_S390X",
            "loongarch64" => "SCMP_ARCH_LOONGARCH64",
            _ => null,
        };
    }
}
