using System.Diagnostics;
using System.Linq;
using Mshv.Abi;
using Mshv.Scanner;
using Xunit;
using Xunit.Abstractions;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Scanner;

/// <summary>The system's &lt;linux/kvm.h&gt;: a large real uapi header with everything the vendored seed lacks.</summary>
public sealed class KvmScanTests
{
    private readonly ITestOutputHelper _output;

    public KvmScanTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Kvm_headers_scan_without_errors()
    {
        var watch = Stopwatch.StartNew();
        ScanResult result = HeaderScanner.Scan(ScanSetups.Kvm);
        _output.WriteLine("scan took " + watch.ElapsedMilliseconds + " ms; diagnostics:\n" + string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == ScanSeverity.Error);
        AbiModel model = result.Model!;
        _output.WriteLine($"records={model.Records.Count} fields={model.Records.Sum(r => r.Fields.Count)} bitfields={model.Records.Sum(r => r.Fields.Count(f => f.IsBitfield))} macros={model.Macros.Count} ioctls={model.Ioctls.Count}");
        Assert.Equal(new[] { "linux/kvm.h", "asm/kvm.h" }, model.Headers.ToArray());
        Assert.Contains(model.Ioctls, i => i.Name == "KVM_RUN" && i.Direction == IoctlDirection.None);
        Assert.Contains(model.Ioctls, i => i.Name == "KVM_GET_REGS" && i.ArgumentType?.RecordName == "kvm_regs");
    }

    [Fact]
    public void Every_kvm_ioctl_size_equals_its_argument_type_size()
    {
        AbiModel model = SeedModelTests.Scan(ScanSetups.Kvm);
        Assert.NotEmpty(model.Ioctls);
        foreach (AbiIoctl ioctl in model.Ioctls.Where(i => i.ArgumentType is not null))
        {
            AbiType type = ioctl.ArgumentType!;
            long element = type.IsRecord ? model.Records.Single(r => r.Name == type.RecordName).Size : AbiPrimitive.SizeOf(type.Primitive);
            long size = type.Dimensions.Aggregate(element, (total, dimension) => total * dimension);
            Assert.True(size == ioctl.Size, ioctl.Name + ": request size " + ioctl.Size + ", argument " + ioctl.ArgumentCType + " has size " + size);
        }
    }

    [Fact]
    public void Every_ioctl_macro_is_also_a_macro_with_the_same_value()
    {
        AbiModel model = SeedModelTests.Scan(ScanSetups.Kvm);
        foreach (AbiIoctl ioctl in model.Ioctls)
        {
            AbiMacro macro = model.Macros.Single(m => m.Name == ioctl.Name);
            Assert.Equal(ioctl.Request.ToString(System.Globalization.CultureInfo.InvariantCulture), macro.Value);
        }
    }

    [Fact]
    public void Kvm_run_exit_structs_are_named_by_their_C_access_path()
    {
        AbiModel model = SeedModelTests.Scan(ScanSetups.Kvm);
        AbiRecord run = model.Records.Single(r => r.Name == "kvm_run");
        AbiField anonymous = Assert.Single(run.Fields, f => f.IsAnonymousMember);
        AbiRecord exits = model.Records.Single(r => r.Name == anonymous.Type.RecordName);
        Assert.True(exits.IsAnonymous);
        Assert.Equal(RecordKind.Union, exits.Kind);
        Assert.Contains(exits.Fields, f => f.Name == "io" && f.Type.RecordName == "kvm_run.io");
        Assert.Contains(model.Records, r => r.Name == "kvm_run.io" && !r.IsAnonymous);
    }

    [Fact]
    public void Kvm_layout_macros_ioctls_and_enums_agree_with_the_C_compiler()
    {
        AbiModel model = SeedModelTests.Scan(ScanSetups.Kvm);
        string printed = CCompiler.CompileAndRun(LayoutOracle.Program(model), System.Array.Empty<string>());
        string expected = LayoutOracle.Expected(model);
        string[] wrong = expected.Split('\n').Except(printed.Split('\n')).ToArray();
        Assert.True(wrong.Length == 0, "the model disagrees with cc on:\n" + string.Join("\n", wrong.Take(40)));
        Assert.Equal(expected, printed);
    }

    [Fact]
    public void Kvm_C_type_spellings_hold_no_clang_locations()
    {
        AbiModel model = SeedModelTests.Scan(ScanSetups.Kvm);
        string[] located = model.Records.SelectMany(r => r.Fields).Select(f => f.CType)
            .Where(c => c.Contains("::", System.StringComparison.Ordinal) || c.Contains(" at ", System.StringComparison.Ordinal)).ToArray();
        Assert.Empty(located);
    }

    [Fact]
    public void Kvm_model_text_round_trips_to_an_equal_model()
    {
        AbiModel model = SeedModelTests.Scan(ScanSetups.Kvm);
        Assert.Equal(model, AbiModelReader.Read(AbiModelWriter.Write(model), "kvm.abi"));
    }
}
