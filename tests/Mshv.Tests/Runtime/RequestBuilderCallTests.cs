using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Mshv.Abi;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Runtime;
using Mshv.Tests.Conformance;
using Mshv.Tests.Infrastructure;
using Mshv.Tests.Runtime.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Mshv.Tests.Runtime;

/// <summary>
/// A real <c>EVIOCGNAME</c> through the typed, span-taking overload generated from the system's linux/input.h: on the
/// first evdev device when the machine has one, and always on the fake evdev device of the libc seam (evdev_double.c,
/// which answers as drivers/input/evdev.c does), where the size the driver saw and the bytes around the buffer are checked.
/// </summary>
[Collection(DriverDoubleCollection.Name)]
public sealed class RequestBuilderCallTests(ITestOutputHelper output)
{
    private const string Consumer = """
        using System;
        using Mshv.Runtime;
        using Mshv.Builders.Generated;

        public static class EvdevName
        {
            public static int Read(FileDescriptorHandle handle, byte[] memory, int offset, int length) =>
                handle.Ioctl(ProbeIoctls.Typed.EVIOCGNAME, memory.AsSpan(offset, length));
        }
        """;

    [Fact]
    public void EVIOCGNAME_fills_a_span_and_tells_the_driver_its_length()
    {
        MethodInfo read = Compile();
        using FileDescriptorHandle handle = FileDescriptorHandle.Open(MshvDouble.EvdevPath, ErrnoMeanings.Generic);
        byte[] memory = Enumerable.Repeat((byte)0xA5, 64).ToArray();

        int copied = (int)read.Invoke(null, new object[] { handle, memory, 16, 32 })!;

        Assert.Equal(32u, MshvDouble.EvdevLastSize);
        string name = Encoding.ASCII.GetString(memory, 16, copied - 1);
        Assert.Equal("Mshv evdev double", name);
        Assert.Equal(0, memory[16 + copied - 1]);
        Assert.All(memory.Take(16).Concat(memory.Skip(16 + copied)), b => Assert.Equal(0xA5, b));

        // A short buffer: the driver is told 4 bytes and copies 4, never more.
        Array.Fill(memory, (byte)0xA5);
        int truncated = (int)read.Invoke(null, new object[] { handle, memory, 16, 4 })!;
        Assert.Equal((4, 4u), (truncated, MshvDouble.EvdevLastSize));
        Assert.All(memory.Skip(20), b => Assert.Equal(0xA5, b));
    }

    [EvdevFact]
    public void EVIOCGNAME_on_a_real_evdev_device()
    {
        // Only a real device: where there is none the test is skipped (and counted as skipped), never run on the fake.
        string device = EvdevFactAttribute.FirstDevice()!;
        MethodInfo read = Compile();
        output.WriteLine("real device " + device);
        using FileDescriptorHandle handle = FileDescriptorHandle.Open(device, ErrnoMeanings.Generic);
        byte[] buffer = new byte[256];

        int copied = (int)read.Invoke(null, new object[] { handle, buffer, 0, buffer.Length })!;

        Assert.InRange(copied, 1, buffer.Length);
        Assert.Equal(0, buffer[copied - 1]);
        output.WriteLine("EVIOCGNAME: \"" + Encoding.UTF8.GetString(buffer, 0, copied - 1) + "\"");
    }

    private static MethodInfo Compile()
    {
        AbiModel model = RequestBuilderConformanceTests.Scan("linux/input.h");
        EmitResult emitted = BindingEmitter.Emit(model, new EmitOptions("Mshv.Builders.Generated", "Probe", EmitIoctlSupportTypes: false));
        var bindings = MetadataReference.CreateFromFile(typeof(FileDescriptorHandle).Assembly.Location);
        Assembly assembly = InMemoryCompilation.Load(InMemoryCompilation.Create(emitted.Files.Select(f => f.Source).Append(Consumer), new[] { bindings }));
        return assembly.GetType("EvdevName")!.GetMethod("Read")!;
    }
}
