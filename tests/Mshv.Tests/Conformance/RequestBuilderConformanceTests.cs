using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using Mshv.Abi;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Mshv.Tests.Conformance;

/// <summary>
/// Every function-like request macro of a header, called with several arguments in C (compiled by gcc) and through the
/// generated method and its typed form in C#: the request numbers must be equal. Arguments are the edges of what fits
/// (0, 1, a few, the largest the number and size fields hold); one past the edge must throw in C#, where C wraps.
/// </summary>
public sealed class RequestBuilderConformanceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("linux/input.h", "EVIOCGNAME,EVIOCGBIT,EVIOCGABS,EVIOCSABS,EVIOCGKEY,EVIOCGMTSLOTS")]
    [InlineData("linux/hidraw.h", "HIDIOCGRAWNAME,HIDIOCSFEATURE,HIDIOCGFEATURE")]
    [InlineData("linux/spi/spidev.h", "SPI_IOC_MESSAGE")]
    public void Every_function_like_request_matches_gcc_for_several_arguments(string header, string required)
    {
        AbiModel model = Scan(header);
        Assert.All(required.Split(','), name => Assert.Contains(model.RequestBuilders, b => b.Name == name));
        Assembly generated = Generate(model);
        Type ioctls = generated.GetType("Mshv.Builders.Generated.ProbeIoctls")!;
        // SPI_IOC_MESSAGE(N)'s char[] says nothing about the buffer: spidev.h has no typed forms.
        Type? typed = ioctls.GetNestedType("Typed");

        var c = new StringBuilder("#include <stdio.h>\n#include <linux/ioctl.h>\n#include <" + header + ">\nint main(void) {\n");
        var cs = new List<string>();
        int compared = 0;
        foreach (AbiRequestBuilder builder in model.RequestBuilders)
        {
            foreach (int[] arguments in BuilderArguments.ThatFit(builder))
            {
                string call = builder.Name + "(" + string.Join(", ", arguments) + ")";
                c.Append("  printf(\"").Append(call).Append(" request=0x%llx\\n\", (unsigned long long)(").Append(call).Append("));\n");
                object[] boxed = arguments.Cast<object>().ToArray();
                uint request = (uint)ioctls.GetMethod(builder.Name)!.Invoke(null, boxed)!;
                cs.Add(call + " request=0x" + request.ToString("x", CultureInfo.InvariantCulture));
                if (TypedRequest(typed, builder, arguments) is uint typedRequest)
                {
                    c.Append("  printf(\"typed ").Append(call).Append(" request=0x%llx\\n\", (unsigned long long)(").Append(call).Append("));\n");
                    cs.Add("typed " + call + " request=0x" + typedRequest.ToString("x", CultureInfo.InvariantCulture));
                }

                compared++;
            }

            int[] past = BuilderArguments.PastTheEdge(builder);
            var thrown = Assert.Throws<TargetInvocationException>(() => ioctls.GetMethod(builder.Name)!.Invoke(null, past.Cast<object>().ToArray()));
            Assert.IsType<ArgumentOutOfRangeException>(thrown.InnerException);
        }

        c.Append("  return 0;\n}\n");
        string[] fromC = CCompiler.CompileAndRun(c.ToString(), Array.Empty<string>()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        output.WriteLine(header + ": " + model.RequestBuilders.Count + " request builders, " + compared + " calls compared with gcc");
        Assert.Equal(fromC, cs);
        Assert.True(compared >= 3 * model.RequestBuilders.Count, "several arguments per builder");
    }

    [Fact]
    public void C_wraps_EVIOCGNAME_16384_to_size_0_and_the_generated_method_throws()
    {
        AbiModel model = Scan("linux/input.h");
        Type ioctls = Generate(model).GetType("Mshv.Builders.Generated.ProbeIoctls")!;
        string c = "#include <stdio.h>\n#include <linux/input.h>\nint main(void) { printf(\"%u %u\\n\", (unsigned)_IOC_SIZE(EVIOCGNAME(16384)), (unsigned)_IOC_SIZE(EVIOCGNAME(16383))); return 0; }\n";

        string[] sizes = CCompiler.CompileAndRun(c, Array.Empty<string>()).Trim().Split(' ');

        Assert.Equal("0", sizes[0]);
        Assert.Equal("16383", sizes[1]);
        var thrown = Assert.Throws<TargetInvocationException>(() => ioctls.GetMethod("EVIOCGNAME")!.Invoke(null, new object[] { 16384 }));
        ArgumentOutOfRangeException outOfRange = Assert.IsType<ArgumentOutOfRangeException>(thrown.InnerException);
        Assert.Equal("len", outOfRange.ParamName);
        Assert.Equal(0x3fffUL, model.RequestBuilders.Single(b => b.Name == "EVIOCGNAME").SizeMax);
    }

    internal static AbiModel Scan(string header)
    {
        var options = new ScanOptions(new[] { SystemHeaders.Locate(header) }, Array.Empty<string>(), Array.Empty<string>(), new[] { "linux/ioctl.h" });
        ScanResult scan = HeaderScanner.Scan(options);
        return scan.Model ?? throw new InvalidOperationException("scan failed:\n" + string.Join("\n", scan.Diagnostics));
    }

    internal static Assembly Generate(AbiModel model)
    {
        EmitResult emitted = BindingEmitter.Emit(model, new EmitOptions("Mshv.Builders.Generated", "Probe", EmitIoctlSupportTypes: true));
        return InMemoryCompilation.Load(InMemoryCompilation.Create(emitted.Files.Select(f => f.Source)));
    }

    /// <summary>The request through the typed form (byte-buffer descriptor or typed-descriptor method), or null when there is none.</summary>
    private static uint? TypedRequest(Type? typed, AbiRequestBuilder builder, int[] arguments)
    {
        if (typed is null)
        {
            return null;
        }

        if (typed.GetProperty(builder.Name) is PropertyInfo buffer)
        {
            object descriptor = buffer.GetValue(null)!;
            return (uint)descriptor.GetType().GetMethod("RequestFor")!.Invoke(descriptor, new object[] { arguments[0] })!;
        }

        if (typed.GetMethod(builder.Name) is MethodInfo method)
        {
            object descriptor = method.Invoke(null, arguments.Cast<object>().ToArray())!;
            return (uint)descriptor.GetType().GetProperty("Request")!.GetValue(descriptor)!;
        }

        return null;
    }
}
