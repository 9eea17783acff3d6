using System;
using System.IO;
using System.Threading;
using Mshv.Abi;
using Mshv.Generator.Emission;
using Mshv.Generator.Models;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>Reading and emitting a whole model observe the generator's cancellation token (the IDE cancels on every keystroke).</summary>
public sealed class CancellationTests
{
    [Fact]
    public void Reading_a_model_observes_cancellation()
    {
        string text = File.ReadAllText(RepoPaths.SeedModel);

        Assert.ThrowsAny<OperationCanceledException>(() => AbiModelReader.Read(text, "mshv.abi", new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Emitting_a_model_observes_cancellation()
    {
        AbiModel model = AbiModelReader.Read(File.ReadAllText(RepoPaths.SeedModel), "mshv.abi");

        Assert.ThrowsAny<OperationCanceledException>(
            () => BindingEmitter.Emit(model, new EmitOptions("Test.Interop", "Test", true), new CancellationToken(canceled: true)));
    }
}
