using System;
using System.Linq;
using System.Reflection;
using Mshv.Abi;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Flexible;

/// <summary>
/// <c>struct kvm_nested_state</c> of a current kernel ends in <c>union { __DECLARE_FLEX_ARRAY(struct
/// kvm_vmx_nested_state_data, vmx); __DECLARE_FLEX_ARRAY(struct kvm_svm_nested_state_data, svm); } data;</c>, which gcc
/// puts at offset 128 with size 0. The hostile-input pass found it dropped without a word, so a VMM could not reach
/// <c>data.vmx[0]</c>. Here C and the generated C# write the same elements into a buffer of the struct and one element,
/// and the bytes must agree; a buffer one byte short must be refused, never overrun.
/// </summary>
public sealed class NestedStateDataTests
{
    private const string CProgram = """
        #include <stdio.h>
        #include <stdlib.h>
        #include <stddef.h>
        #include <linux/kvm.h>
        int main(void) {
            size_t length = sizeof(struct kvm_nested_state) + sizeof(struct kvm_vmx_nested_state_data);
            unsigned char *buffer = calloc(1, length);
            struct kvm_nested_state *state = (struct kvm_nested_state *)buffer;
            state->size = (unsigned int)length;
            state->data.vmx[0].vmcs12[0] = 0x11;
            state->data.vmx[0].shadow_vmcs12[4095] = 0x22;
            state->data.svm[0].vmcb12[7] = 0x33;
            printf("offset=%zu vmx=%zu/%zu svm=%zu/%zu length=%zu", offsetof(struct kvm_nested_state, data),
                offsetof(struct kvm_nested_state, data.vmx), sizeof state->data.vmx[0],
                offsetof(struct kvm_nested_state, data.svm), sizeof state->data.svm[0], length);
            for (size_t i = 0; i < length; i++)
                if (buffer[i]) printf(" %zu:%x", i, buffer[i]);
            printf("\n");
            return 0;
        }
        """;

    private const string CSharpProgram = """
        using System;
        using System.Text;
        using Nested.Interop;

        public static class NestedStateProbe
        {
            public static string Run()
            {
                int length = kvm_nested_state.SizeWith_data_vmx(1);
                byte[] buffer = new byte[length];
                BitConverter.TryWriteBytes(buffer.AsSpan(4), (uint)length);
                kvm_nested_state.data_vmx(buffer, 1)[0].vmcs12[0] = 0x11;
                kvm_nested_state.data_vmx(buffer, 1)[0].shadow_vmcs12[4095] = 0x22;
                kvm_nested_state.data_svm(buffer, 1)[0].vmcb12[7] = 0x33;
                var o = new StringBuilder();
                o.Append("offset=").Append(kvm_nested_state.data_offset)
                 .Append(" vmx=").Append(kvm_nested_state.data_vmx_offset).Append('/').Append(kvm_nested_state.SizeWith_data_vmx(1) - kvm_nested_state.SizeWith_data_vmx(0))
                 .Append(" svm=").Append(kvm_nested_state.data_svm_offset).Append('/').Append(kvm_nested_state.SizeWith_data_svm(1) - kvm_nested_state.SizeWith_data_svm(0))
                 .Append(" length=").Append(length);
                for (int i = 0; i < length; i++)
                {
                    if (buffer[i] != 0) o.Append(' ').Append(i).Append(':').Append(buffer[i].ToString("x"));
                }

                return o.Append('\n').ToString();
            }

            public static string Refusals()
            {
                var o = new StringBuilder();
                Try(o, () => kvm_nested_state.data_vmx(new byte[kvm_nested_state.SizeWith_data_vmx(1) - 1], 1).Length);
                Try(o, () => kvm_nested_state.data_vmx(new byte[kvm_nested_state.SizeWith_data_vmx(1)], 2).Length);
                Try(o, () => kvm_nested_state.data_svm(new byte[kvm_nested_state.SizeWith_data_svm(2)], -1).Length);
                Try(o, () => kvm_nested_state.data_vmx(new byte[kvm_nested_state.SizeWith_data_vmx(2)], 2).Length);
                return o.ToString().TrimEnd();
            }

            private static void Try(StringBuilder o, Func<int> call)
            {
                try
                {
                    o.Append(call()).Append(' ');
                }
                catch (ArgumentOutOfRangeException)
                {
                    o.Append("refused ");
                }
            }
        }
        """;

    [Fact]
    public void Data_vmx_and_svm_of_kvm_nested_state_are_reached_where_gcc_puts_them()
    {
        Assembly probe = Generate();
        string c = CCompiler.CompileAndRun(CProgram, UpstreamHeaders.CompilerArguments());

        string csharp = (string)probe.GetType("NestedStateProbe")!.GetMethod("Run")!.Invoke(null, null)!;

        Assert.StartsWith("offset=128 vmx=128/8192 svm=128/4096 length=8320 ", c);
        Assert.Equal(c, csharp);
    }

    [Fact]
    public void A_span_over_data_vmx_never_reaches_past_the_callers_buffer()
    {
        Assembly probe = Generate();

        string refusals = (string)probe.GetType("NestedStateProbe")!.GetMethod("Refusals")!.Invoke(null, null)!;

        // One byte short, one element too many, a negative count: refused. The exact size: a span of the elements.
        Assert.Equal("refused refused refused 2", refusals);
    }

    private static readonly Lazy<Assembly> Generated = new(() =>
    {
        string[] includes = { UpstreamHeaders.IncludeRoot, UpstreamHeaders.AsmRoot("x86_64-linux-gnu") };
        ScanResult scan = HeaderScanner.Scan(new ScanOptions(new[] { "linux/kvm.h" }, includes, Array.Empty<string>(), new[] { "linux/ioctl.h" }));
        Assert.True(scan.Model is not null, string.Join("\n", scan.Diagnostics));

        // The records are what this test is about: the constants and requests of kvm.h would only slow the compile.
        AbiModel records = scan.Model! with
        {
            Macros = EquatableArray<AbiMacro>.Empty,
            Ioctls = EquatableArray<AbiIoctl>.Empty,
            RequestBuilders = EquatableArray<AbiRequestBuilder>.Empty,
        };
        EmitResult emitted = BindingEmitter.Emit(records, new EmitOptions("Nested.Interop", "Kvm", EmitIoctlSupportTypes: true));
        return InMemoryCompilation.Load(InMemoryCompilation.Create(emitted.Files.Select(f => f.Source).Append(CSharpProgram)));
    });

    private static Assembly Generate() => Generated.Value;
}
