using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mshv.Abi;
using Mshv.Generator.Models;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Generator.Support;

/// <summary>The checked-in model of the vendored seed headers, and C programs run against those headers.</summary>
internal static class SeedModel
{
    private static readonly Lazy<AbiModel> LazyModel = new(() => AbiModelReader.Read(File.ReadAllText(RepoPaths.SeedModel), "mshv.abi"));

    public static AbiModel Model => LazyModel.Value;

    /// <summary>What the generator gives Mshv.Bindings (default namespace, prefix from the file name, own ioctl types).</summary>
    public static EmitResult Emit() => Mshv.Generator.Emission.BindingEmitter.Emit(Model, new EmitOptions(EmitOptions.DefaultNamespace, "Mshv", EmitIoctlSupportTypes: true));

    /// <summary>Runs C statements with the seed headers included (ioctl macros need linux/ioctl.h first).</summary>
    public static IReadOnlyList<string> RunC(string body) =>
        CProgram.Run(
            "#include <linux/ioctl.h>\n" + string.Concat(Model.Headers.Select(h => "#include <" + h + ">\n")) + "int main(void) {\n" + body + "\nreturn 0;\n}\n",
            RepoPaths.Headers);
}
