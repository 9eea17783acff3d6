using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Mshv.Abi;
using Mshv.Cli;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Tests.Conformance;
using Mshv.Tests.Generator.Support;
using Mshv.Tests.Scanner;
using Xunit;

namespace Mshv.Tests.Seccomp;

/// <summary>
/// Request builders (<c>EVIOCGNAME(len)</c>) in <c>mshv ioctls</c> and the generated <c>{Prefix}Ioctls.AllBuilders</c>,
/// on the system's linux/input.h: base requests and variable bits checked against what gcc computes for several
/// arguments, and against gcc's own <c>_IOC_*MASK</c>/<c>_IOC_*SHIFT</c>.
/// </summary>
public sealed class RequestBuilderTableTests
{
    private const string Header = "linux/input.h";

    private static readonly System.Lazy<AbiModel> Input = new(() => RequestBuilderConformanceTests.Scan(Header));

    /// <summary>gcc's size-field and number-field masks in place, and each builder's request at a few arguments that fit.</summary>
    private static readonly System.Lazy<(ulong SizeBits, ulong NumberBits, Dictionary<string, ulong[]> Requests)> Gcc = new(() =>
    {
        var expressions = new List<string> { "_IOC_SIZEMASK << _IOC_SIZESHIFT", "_IOC_NRMASK << _IOC_NRSHIFT" };
        foreach (AbiRequestBuilder builder in Input.Value.RequestBuilders)
        {
            expressions.AddRange(Arguments(builder).Select(a => builder.Name + "(" + string.Join(", ", a) + ")"));
        }

        ulong[] values = IoctlOracle.Values(Header, expressions, new[] { "-include", "linux/ioctl.h" });
        var requests = new Dictionary<string, ulong[]>();
        int next = 2;
        foreach (AbiRequestBuilder builder in Input.Value.RequestBuilders)
        {
            int count = Arguments(builder).Count();
            requests[builder.Name] = values.Skip(next).Take(count).ToArray();
            next += count;
        }

        return (values[0], values[1], requests);
    });

    [Fact]
    public void Generated_AllBuilders_holds_each_builders_base_request_and_the_bits_its_arguments_move()
    {
        EmitResult result = BindingEmitter.Emit(Input.Value, new EmitOptions(GeneratedCode.Namespace, "Input", EmitIoctlSupportTypes: true));
        Assembly assembly = GeneratedCode.Load(result.Files.Select(f => f.Source));
        var table = (IReadOnlyList<(string Name, uint BaseRequest, uint VariableBits)>)assembly
            .GetType(GeneratedCode.Namespace + ".InputIoctls", throwOnError: true)!.GetProperty("AllBuilders")!.GetValue(null)!;

        Assert.Contains(table, e => e.Name == "EVIOCGNAME");
        Assert.Equal(Input.Value.RequestBuilders.Select(b => b.Name), table.Select(e => e.Name));
        foreach ((string name, uint baseRequest, uint variable) in table)
        {
            ulong[] requests = Gcc.Value.Requests[name];
            Assert.Equal(requests[0], baseRequest);
            Assert.Equal(0UL, variable & ~(Gcc.Value.SizeBits | Gcc.Value.NumberBits));
            Assert.All(requests, r => Assert.Equal(baseRequest & ~variable, (uint)r & ~variable));
        }

        // A buffer length moves exactly gcc's size field.
        Assert.Equal(Gcc.Value.SizeBits, table.Single(e => e.Name == "EVIOCGNAME").VariableBits);
    }

    [Fact]
    public void Csv_and_json_list_the_builders_with_their_base_encoding_after_the_requests()
    {
        string[] lines = Run("--format", "csv").Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,request,direction,type,nr,size,argument,location,form,variable_bits", lines[0]);
        string name = Assert.Single(lines, l => l.StartsWith("EVIOCGNAME(len),", System.StringComparison.Ordinal));
        string[] cells = name.Split(',');
        Assert.Equal("0x" + Gcc.Value.Requests["EVIOCGNAME"][0].ToString("x8"), cells[1]);
        Assert.Equal("read", cells[2]);
        Assert.Equal("0x" + Gcc.Value.SizeBits.ToString("x8"), cells[^1]);

        using JsonDocument json = JsonDocument.Parse(Run("--format", "json"));
        JsonElement[] builders = json.RootElement.GetProperty("requestBuilders").EnumerateArray().ToArray();
        Assert.Equal(Input.Value.RequestBuilders.Select(b => b.Name), builders.Select(b => b.GetProperty("name").GetString()));
        JsonElement bit = builders.Single(b => b.GetProperty("name").GetString() == "EVIOCGBIT");
        Assert.Equal(new[] { "ev", "len" }, bit.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(Gcc.Value.Requests["EVIOCGBIT"][0], bit.GetProperty("baseRequestValue").GetUInt64());
    }

    [Fact]
    public void Oci_seccomp_allows_a_length_builders_family_in_one_rule_and_names_what_it_leaves_out()
    {
        var error = new StringWriter();
        using JsonDocument json = JsonDocument.Parse(Run(error, "--format", "oci-seccomp", "--only", "EVIOCGNAME", "--only", "EVIOCGBIT"));

        JsonElement arg = Assert.Single(json.RootElement.GetProperty("syscalls").EnumerateArray().ToArray()).GetProperty("args")[0];
        ulong mask = 0xFFFFFFFFUL & ~Gcc.Value.SizeBits;
        Assert.Equal((mask, Gcc.Value.Requests["EVIOCGNAME"][0] & mask), (arg.GetProperty("value").GetUInt64(), arg.GetProperty("valueTwo").GetUInt64()));
        Assert.All(Gcc.Value.Requests["EVIOCGNAME"], r => Assert.Equal(r & mask, arg.GetProperty("valueTwo").GetUInt64()));
        Assert.Contains("EVIOCGBIT(ev,len) is left out of the allow-list", error.ToString());
    }

    /// <summary>All zeros first (the base), then each argument at 1 and at a few more that keep number and size in their fields.</summary>
    private static IEnumerable<int[]> Arguments(AbiRequestBuilder builder)
    {
        int n = builder.Parameters.Count;
        yield return new int[n];
        foreach (int value in new[] { 1, 3, 17 })
        {
            for (int i = 0; i < n; i++)
            {
                int[] arguments = new int[n];
                arguments[i] = value;
                yield return arguments;
            }
        }
    }

    private static string Run(params string[] options) => Run(new StringWriter(), options);

    private static string Run(StringWriter error, params string[] options)
    {
        var output = new StringWriter();
        int exit = Program.Run(new[] { "ioctls", "--header", Header, "--include", "linux/ioctl.h" }.Concat(options).ToArray(), output, error);
        Assert.True(exit == 0, error.ToString());
        return output.ToString();
    }
}
