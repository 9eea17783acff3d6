using System;
using System.Collections.Generic;
using System.Linq;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Flexible;

/// <summary>
/// What C sees on this machine's /dev/kvm for the flexible-array requests: the layouts of the records (gcc's
/// sizeof/offsetof) and the lists KVM returns, fetched the way C code does it (grow on E2BIG). Run once per test run.
/// </summary>
internal static class KvmFlexibleOracle
{
    private const string Program = """
        #define _GNU_SOURCE
        #include <errno.h>
        #include <sched.h>
        #include <fcntl.h>
        #include <stddef.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <sys/ioctl.h>
        #include <linux/kvm.h>

        static struct kvm_msr_list *msr_list(int kvm, unsigned long request)
        {
            struct kvm_msr_list probe = { .nmsrs = 0 };
            if (ioctl(kvm, request, &probe) == 0 || errno != E2BIG) { perror("msr list probe"); exit(2); }
            struct kvm_msr_list *list = calloc(1, sizeof *list + probe.nmsrs * sizeof list->indices[0]);
            list->nmsrs = probe.nmsrs;
            if (ioctl(kvm, request, list) != 0) { perror("msr list"); exit(3); }
            return list;
        }

        int main(void)
        {
            // CPU 0, as the C# side: KVM_GET_SUPPORTED_CPUID passes through the current CPU's APIC ID (leaf 1 EBX[31:24]).
            cpu_set_t cpu0;
            CPU_ZERO(&cpu0);
            CPU_SET(0, &cpu0);
            if (sched_setaffinity(0, sizeof cpu0, &cpu0) != 0) { perror("sched_setaffinity"); return 6; }
            int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
            if (kvm < 0) { perror("open"); return 1; }
            printf("layout kvm_cpuid2 %zu %zu %zu\n", sizeof(struct kvm_cpuid2), offsetof(struct kvm_cpuid2, entries), sizeof(struct kvm_cpuid_entry2));
            printf("layout kvm_msrs %zu %zu %zu\n", sizeof(struct kvm_msrs), offsetof(struct kvm_msrs, entries), sizeof(struct kvm_msr_entry));
            printf("layout kvm_msr_list %zu %zu %zu\n", sizeof(struct kvm_msr_list), offsetof(struct kvm_msr_list, indices), sizeof(__u32));
            for (int n = 1;; n *= 2) {
                struct kvm_cpuid2 *cpuid = calloc(1, sizeof *cpuid + n * sizeof cpuid->entries[0]);
                cpuid->nent = n;
                if (ioctl(kvm, KVM_GET_SUPPORTED_CPUID, cpuid) == 0) {
                    for (unsigned i = 0; i < cpuid->nent; i++) {
                        struct kvm_cpuid_entry2 *e = &cpuid->entries[i];
                        printf("cpuid %x %x %x %x %x %x %x\n", e->function, e->index, e->flags, e->eax, e->ebx, e->ecx, e->edx);
                    }
                    break;
                }
                if (errno != E2BIG) { perror("KVM_GET_SUPPORTED_CPUID"); return 4; }
                free(cpuid);
            }
            struct kvm_msr_list *msrs = msr_list(kvm, KVM_GET_MSR_INDEX_LIST);
            for (unsigned i = 0; i < msrs->nmsrs; i++) printf("msr %x\n", msrs->indices[i]);
            struct kvm_msr_list *features = msr_list(kvm, KVM_GET_MSR_FEATURE_INDEX_LIST);
            struct kvm_msrs *values = calloc(1, sizeof *values + features->nmsrs * sizeof values->entries[0]);
            values->nmsrs = features->nmsrs;
            for (unsigned i = 0; i < features->nmsrs; i++) values->entries[i].index = features->indices[i];
            int read = ioctl(kvm, KVM_GET_MSRS, values);
            if (read < 0) { perror("KVM_GET_MSRS"); return 5; }
            for (int i = 0; i < read; i++) printf("feature %x %llx\n", values->entries[i].index, (unsigned long long)values->entries[i].data);
            return 0;
        }
        """;

    private static readonly Lazy<string[]> Lines = new(() => CCompiler.CompileAndRun(Program, []).Split('\n', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>gcc's sizeof(record), offsetof(record, array) and sizeof(element).</summary>
    public static (int Size, int Offset, int ElementSize) Layout(string record) =>
        Lines.Value.Where(l => l.StartsWith("layout " + record + " ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .Select(w => (int.Parse(w[2]), int.Parse(w[3]), int.Parse(w[4])))
            .Single();

    /// <summary>The lines of one section without its tag (<c>cpuid</c>, <c>msr</c>, <c>feature</c>), in C's order.</summary>
    public static IReadOnlyList<string> Section(string tag) =>
        Lines.Value.Where(l => l.StartsWith(tag + " ", StringComparison.Ordinal)).Select(l => l.Substring(tag.Length + 1)).ToArray();
}
