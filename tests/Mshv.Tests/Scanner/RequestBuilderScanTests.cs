using System;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Cli;
using Mshv.Scanner;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>Function-like request macros in the model (<c>ioctlfn</c> lines), and the reasons for those left out.</summary>
public sealed class RequestBuilderScanTests
{
    private const string Header = """
        #include <linux/ioctl.h>
        struct info { int a; long b; };
        #define GET_NAME(len) _IOC(_IOC_READ, 'q', 0x06, len)
        #define GET_INFO(n) _IOR('q', 0x40 + (n), struct info)
        #define MY_IOWR(nr, type) _IOWR('q', nr, type)
        #define SET_BOTH(a, b) MY_IOWR(0x10 + (b), char[(a) * 4])
        #define NOT_A_REQUEST(x) ((x) + 1)
        #define TYPE_ARGUMENT(t) _IOR('q', 1, t)
        #define SQUARED(n) _IOC(_IOC_READ, 'q', 2, (n) * (n))
        #define UNDECLARED(n) _IOR('q', n, struct not_declared)
        #define MASKED(n) _IOC(_IOC_READ, 'q', 0x10 + ((n) & 3), 0)
        #define CLAMPED(len) _IOC(_IOC_READ, 'q', 1, (len) < 4 ? (len) : 4)
        """;

    [Fact]
    public void Request_builders_are_linear_forms_clang_evaluated()
    {
        using var temp = new TempHeaders();
        ScanResult result = HeaderScanner.Scan(IsolationTests.Options(temp.Write("rb.h", Header)));

        AbiModel model = Assert.IsType<AbiModel>(result.Model);
        Assert.Equal(new[] { "GET_INFO", "GET_NAME", "SET_BOTH" }, model.RequestBuilders.Select(b => b.Name));
        AbiRequestBuilder name = model.RequestBuilders.Single(b => b.Name == "GET_NAME");
        Assert.Equal("len", name.BufferLengthParameter);
        Assert.Equal((IoctlDirection.Read, (uint)'q'), (name.Direction, name.Type));
        Assert.Equal("0x0+len", name.Size.Format(name.Parameters));
        Assert.Equal("rb.h", Path.GetFileName(name.Location.File));
        AbiRequestBuilder info = model.RequestBuilders.Single(b => b.Name == "GET_INFO");
        Assert.Equal(("struct info", "info"), (info.ArgumentCType, info.ArgumentType?.RecordName));
        Assert.Equal("0x40+n", info.Number.Format(info.Parameters));
        AbiRequestBuilder both = model.RequestBuilders.Single(b => b.Name == "SET_BOTH");
        Assert.Equal(IoctlDirection.ReadWrite, both.Direction);
        Assert.Equal("0x0+0x4*a", both.Size.Format(both.Parameters));
        Assert.Equal("0x10+b", both.Number.Format(both.Parameters));
        Assert.Null(both.ArgumentCType);
    }

    [Fact]
    public void Request_builders_survive_the_model_text()
    {
        using var temp = new TempHeaders();
        AbiModel model = HeaderScanner.Scan(IsolationTests.Options(temp.Write("rb.h", Header))).Model!;

        string text = AbiModelWriter.Write(model);
        AbiModel read = AbiModelReader.Read(text, "rb.abi");

        Assert.Contains("\nioctlfn GET_NAME params=len request=0x", text, StringComparison.Ordinal);
        Assert.Equal(model.RequestBuilders, read.RequestBuilders);
        Assert.Equal(text, AbiModelWriter.Write(read));
    }

    [Fact]
    public void A_selection_keeps_the_selected_builders_and_their_argument_records()
    {
        using var temp = new TempHeaders();
        AbiModel model = HeaderScanner.Scan(IsolationTests.Options(temp.Write("rb.h", Header))).Model!;

        AbiModel selected = Mshv.Generator.Selection.ModelSelection.Apply(model, new[] { "GET_INFO" });

        Assert.Contains("GET_NAME", Mshv.Generator.Selection.ModelSelection.SelectableNames(model));
        Assert.Equal(new[] { "GET_INFO" }, selected.RequestBuilders.Select(b => b.Name));
        Assert.Equal(new[] { "info" }, selected.Records.Select(r => r.Name));
    }

    [Fact]
    public void Macros_that_are_not_request_builders_are_left_out_with_the_reason_in_scan_v()
    {
        using var temp = new TempHeaders();
        string path = temp.Write("rb.h", Header);

        ScanResult result = HeaderScanner.Scan(IsolationTests.Options(path));
        var error = new StringWriter();
        int exit = Program.Run(new[] { "scan", "--header", path, "-v" }, new StringWriter(), error);

        Assert.Contains(result.Notes, n => n.Name == "NOT_A_REQUEST" && n.Line == 7 && n.Reason.Contains("does not build an ioctl request", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Name == "TYPE_ARGUMENT" && n.Line == 8 && n.Reason.Contains("is the argument type", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Name == "MY_IOWR" && n.Reason.Contains("is the argument type", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Name == "UNDECLARED" && n.Line == 10 && n.Reason.StartsWith("clang could not evaluate it", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Name == "SQUARED" && n.Reason.Contains("not linear", StringComparison.Ordinal));
        // Linear from 0 to 3, not beyond: were bound as n and len, so MASKED(4) and CLAMPED(100) disagreed with C.
        Assert.Contains(result.Notes, n => n.Name == "MASKED" && n.Reason.Contains("not linear", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Name == "CLAMPED" && n.Reason.Contains("not linear", StringComparison.Ordinal));
        Assert.Equal(0, exit);
        Assert.Contains(path + ":7: note: NOT_A_REQUEST is not bound: ", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("note:", Run(path, verbose: false), StringComparison.Ordinal);
    }

    private static string Run(string path, bool verbose)
    {
        var error = new StringWriter();
        Program.Run(verbose ? new[] { "scan", "--header", path, "-v" } : new[] { "scan", "--header", path }, new StringWriter(), error);
        return error.ToString();
    }
}
