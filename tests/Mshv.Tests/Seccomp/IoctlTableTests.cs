using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Mshv.Abi;
using Mshv.Cli;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Scanner;
using Mshv.Tests.Generator.Support;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Scanner;
using Xunit;

namespace Mshv.Tests.Seccomp;

/// <summary>
/// <c>mshv ioctls</c> and the generated <c>{Prefix}Ioctls.All</c> on the system's kvm.h: every request number is the one
/// gcc computes from the same headers, and nothing is missing or extra.
/// </summary>
public sealed class IoctlTableTests
{
    private static readonly string[] KvmHeaders = { "--header", "linux/kvm.h", "--header", "asm/kvm.h" };

    private static readonly System.Lazy<AbiModel> Kvm = new(() => HeaderScanner.Scan(ScanSetups.Kvm).Model!);

    private static readonly System.Lazy<Dictionary<string, ulong>> CompilerNumbers = new(() =>
    {
        string[] names = Kvm.Value.Ioctls.Select(i => i.Name).ToArray();
        ulong[] values = IoctlOracle.Values("linux/kvm.h", names, new[] { "-include", "asm/kvm.h" });
        return names.Zip(values).ToDictionary(p => p.First, p => p.Second);
    });

    [Fact]
    public void Csv_lists_every_request_with_gcc_numbers_and_its_fields()
    {
        string[] lines = Run("--format", "csv").Split('\n', System.StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("name,request,direction,type,nr,size,argument,location,form,variable_bits", lines[0]);
        Assert.Equal(CompilerNumbers.Value.Count, lines.Length - 1);
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            Assert.Equal("0x" + CompilerNumbers.Value[cells[0]].ToString("x8"), cells[1]);
        }

        Assert.Contains(lines, l => l.StartsWith("KVM_GET_REGS,", System.StringComparison.Ordinal) && l.Contains(",read,0xae,") && l.Contains(",struct kvm_regs,"));
    }

    [Fact]
    public void Json_lists_every_request_with_gcc_numbers()
    {
        using JsonDocument json = JsonDocument.Parse(Run("--format", "json"));
        JsonElement[] ioctls = json.RootElement.GetProperty("ioctls").EnumerateArray().ToArray();

        Assert.Equal(Kvm.Value.Target, json.RootElement.GetProperty("target").GetString());
        Assert.Equal(CompilerNumbers.Value.OrderBy(p => p.Key), ioctls.Select(i => new KeyValuePair<string, ulong>(i.GetProperty("name").GetString()!, i.GetProperty("requestValue").GetUInt64())).OrderBy(p => p.Key));
    }

    [Fact]
    public void Oci_seccomp_has_one_masked_rule_on_args_1_per_request_number()
    {
        using JsonDocument json = JsonDocument.Parse(Run("--format", "oci-seccomp"));
        JsonElement[] rules = json.RootElement.GetProperty("syscalls").EnumerateArray().ToArray();

        Assert.Equal(new[] { "SCMP_ARCH_X86_64" }, json.RootElement.GetProperty("architectures").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(CompilerNumbers.Value.Values.Distinct().Order(), rules.Select(r => r.GetProperty("args")[0].GetProperty("valueTwo").GetUInt64()).Order());
        foreach (JsonElement rule in rules)
        {
            Assert.Equal("ioctl", Assert.Single(rule.GetProperty("names").EnumerateArray().ToArray()).GetString());
            JsonElement arg = Assert.Single(rule.GetProperty("args").EnumerateArray().ToArray());
            Assert.Equal((1, uint.MaxValue, "SCMP_CMP_MASKED_EQ"), (arg.GetProperty("index").GetInt32(), arg.GetProperty("value").GetUInt64(), arg.GetProperty("op").GetString()));
        }
    }

    [Fact]
    public void Only_an_ioctl_of_the_headers_can_be_selected()
    {
        var error = new StringWriter();

        Assert.Equal(1, Program.Run(new[] { "ioctls", "--only", "KVM_NO_SUCH_THING" }.Concat(KvmHeaders).ToArray(), new StringWriter(), error));
        Assert.Contains("'KVM_NO_SUCH_THING' is not an ioctl request", error.ToString());
    }

    [Fact]
    public void Generated_All_holds_every_request_with_its_name_and_gcc_number()
    {
        EmitResult result = BindingEmitter.Emit(Kvm.Value, new EmitOptions(GeneratedCode.Namespace, "Kvm", EmitIoctlSupportTypes: true));
        Assembly assembly = GeneratedCode.Load(result.Files.Select(f => f.Source));

        PropertyInfo all = assembly.GetType(GeneratedCode.Namespace + ".KvmIoctls", throwOnError: true)!.GetProperty("All")!;
        var table = (IReadOnlyList<(string Name, uint Request)>)all.GetValue(null)!;

        Assert.Equal(CompilerNumbers.Value.OrderBy(p => p.Key), table.Select(e => new KeyValuePair<string, ulong>(e.Name, e.Request)).OrderBy(p => p.Key));
        Assert.False(all.CanWrite);
        Assert.Throws<System.NotSupportedException>(() => ((IList<(string, uint)>)table)[0] = ("x", 0));
    }

    private static string Run(params string[] options)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Program.Run(new[] { "ioctls" }.Concat(KvmHeaders).Concat(options).ToArray(), output, error);
        Assert.True(exit == 0, error.ToString());
        return output.ToString();
    }
}
