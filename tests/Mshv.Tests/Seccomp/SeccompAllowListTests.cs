using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Mshv.Cli;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Kvm;
using Xunit;

namespace Mshv.Tests.Seccomp;

/// <summary>
/// The allow-list <c>mshv ioctls --format oci-seccomp</c> writes, installed with libseccomp in a child process on the
/// real /dev/kvm, translated from the OCI JSON as runc does (value = mask, valueTwo = datum). The same program runs once
/// without the filter, so an EPERM can only come from the filter.
/// </summary>
public sealed class SeccompAllowListTests
{
    private static readonly string[] Allowed = { "KVM_GET_API_VERSION", "KVM_CHECK_EXTENSION", "KVM_GET_MSR_FEATURE_INDEX_LIST" };

    [KvmFact]
    public void Allowed_requests_pass_and_every_other_ioctl_fails_with_EPERM()
    {
        string profile = GenerateProfile();
        string dir = CCompiler.NewWorkDirectory("seccomp");
        Dictionary<string, string> free;
        Dictionary<string, string> filtered;
        try
        {
            string program = Build(profile, dir);
            free = Outcomes(CCompiler.Run(program, new[] { "free" }, "the ioctl probe without a filter"));
            filtered = Outcomes(CCompiler.Run(program, new[] { "filter" }, "the ioctl probe under the generated filter"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        // Allowed: the same answers as without the filter.
        Assert.Equal(free["KVM_GET_API_VERSION"], filtered["KVM_GET_API_VERSION"]);
        Assert.StartsWith("ok ", filtered["KVM_GET_API_VERSION"]);
        Assert.Equal(free["KVM_CHECK_EXTENSION"], filtered["KVM_CHECK_EXTENSION"]);
        // The kernel reads the request as unsigned int: garbage in the upper half reaches it as the allowed request...
        Assert.Equal(filtered["KVM_GET_API_VERSION"], filtered["KVM_GET_API_VERSION|high-bits"]);
        // ...and an _IOWR number sign-extended from an int (bit 31 set) passes the masked comparison and reaches the driver.
        Assert.Equal(free["KVM_GET_MSR_FEATURE_INDEX_LIST(int)"], filtered["KVM_GET_MSR_FEATURE_INDEX_LIST(int)"]);
        Assert.NotEqual("EPERM", filtered["KVM_GET_MSR_FEATURE_INDEX_LIST(int)"]);

        // Not allowed: a KVM request that works without the filter, and a terminal request the driver refuses itself (EINVAL).
        Assert.StartsWith("ok ", free["KVM_CREATE_VM"]);
        Assert.Equal("EPERM", filtered["KVM_CREATE_VM"]);
        Assert.Equal("EINVAL", free["TCGETS"]);
        Assert.Equal("EPERM", filtered["TCGETS"]);
    }

    private static string GenerateProfile()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Program.Run(
            new[] { "ioctls", "--header", "linux/kvm.h", "--header", "asm/kvm.h", "--format", "oci-seccomp", "--only" }.Concat(Allowed).ToArray(),
            output,
            error);
        Assert.True(exit == 0, error.ToString());
        return output.ToString();
    }

    /// <summary>A C probe whose filter is the OCI profile, rule for rule, plus the three system calls the probe itself needs.</summary>
    private static string Build(string profile, string dir)
    {
        using JsonDocument json = JsonDocument.Parse(profile);
        JsonElement root = json.RootElement;
        var install = new StringBuilder();
        Assert.Equal("SCMP_ACT_ERRNO", root.GetProperty("defaultAction").GetString());
        install.Append("    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(").Append(root.GetProperty("defaultErrnoRet").GetInt32()).Append("));\n");
        foreach (JsonElement architecture in root.GetProperty("architectures").EnumerateArray())
        {
            install.Append("    if (seccomp_arch_exist(ctx, ").Append(architecture.GetString()).Append(") != 0) return fail(\"architecture\");\n");
        }

        foreach (JsonElement rule in root.GetProperty("syscalls").EnumerateArray())
        {
            JsonElement[] args = rule.GetProperty("args").EnumerateArray().ToArray();
            foreach (JsonElement name in rule.GetProperty("names").EnumerateArray())
            {
                install.Append("    if (seccomp_rule_add(ctx, ").Append(rule.GetProperty("action").GetString()).Append(", SCMP_SYS(").Append(name.GetString()).Append("), ")
                    .Append(args.Length);
                foreach (JsonElement arg in args)
                {
                    install.Append(", SCMP_A").Append(arg.GetProperty("index").GetInt32()).Append('(').Append(arg.GetProperty("op").GetString()).Append(", ")
                        .Append(arg.GetProperty("value").GetUInt64().ToString(CultureInfo.InvariantCulture)).Append("ULL, ")
                        .Append(arg.GetProperty("valueTwo").GetUInt64().ToString(CultureInfo.InvariantCulture)).Append("ULL)");
                }

                install.Append(") != 0) return fail(\"rule\");\n");
            }
        }

        string source = """
            #define _GNU_SOURCE
            #include <errno.h>
            #include <fcntl.h>
            #include <seccomp.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/ioctl.h>
            #include <sys/syscall.h>
            #include <termios.h>
            #include <unistd.h>
            #include <linux/kvm.h>

            static char out[4096];
            static size_t used;

            static int fail(const char *what) { dprintf(2, "seccomp setup failed: %s\n", what); return 1; }

            static void report(const char *what, long r, int e)
            {
                if (r >= 0) used += snprintf(out + used, sizeof out - used, "%s ok %ld\n", what, r);
                else used += snprintf(out + used, sizeof out - used, "%s %s\n", what, e == EPERM ? "EPERM" : e == ENOTTY ? "ENOTTY" : e == EFAULT ? "EFAULT" : e == E2BIG ? "E2BIG" : e == EINVAL ? "EINVAL" : "errno");
            }

            static int install(void)
            {
            INSTALL
                /* the probe's own needs under the filter */
                if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(write), 0) != 0) return fail("write");
                if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(exit_group), 0) != 0) return fail("exit_group");
                if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(exit), 0) != 0) return fail("exit");
                if (seccomp_load(ctx) != 0) return fail("load");
                seccomp_release(ctx);
                return 0;
            }

            int main(int argc, char **argv)
            {
                int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
                if (fd < 0) return fail("open /dev/kvm");
                if (argc > 1 && strcmp(argv[1], "filter") == 0 && install() != 0) return 1;
                struct termios t;
                long r;
                r = ioctl(fd, KVM_GET_API_VERSION, 0); report("KVM_GET_API_VERSION", r, errno);
                r = ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY); report("KVM_CHECK_EXTENSION", r, errno);
                r = syscall(SYS_ioctl, fd, 0xdead00000000UL | KVM_GET_API_VERSION, 0); report("KVM_GET_API_VERSION|high-bits", r, errno);
                r = syscall(SYS_ioctl, fd, (long)(int)KVM_GET_MSR_FEATURE_INDEX_LIST, NULL); report("KVM_GET_MSR_FEATURE_INDEX_LIST(int)", r, errno);
                r = ioctl(fd, KVM_CREATE_VM, 0); report("KVM_CREATE_VM", r, errno);
                r = ioctl(fd, TCGETS, &t); report("TCGETS", r, errno);
                if (write(1, out, used) != (ssize_t)used) return 1;
                _exit(0);
            }
            """.Replace("INSTALL\n", install.ToString());

        string file = Path.Combine(dir, "probe.c");
        string program = Path.Combine(dir, "probe");
        File.WriteAllText(file, source);
        CCompiler.Compile("-std=gnu11", "-Wall", "-Werror", "-o", program, file, "-lseccomp");
        return program;
    }

    private static Dictionary<string, string> Outcomes(string output) =>
        output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
}
