using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Mshv.Abi;
using Mshv.Generator;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>
/// What the compiler loads (the generator and the model library) must be pure managed: libclang runs only in the
/// scanner, outside the compiler process. Read from the assemblies' metadata, so a P/Invoke added anywhere fails.
/// </summary>
public sealed class NoNativeCodeInCompilerTests
{
    [Theory]
    [InlineData(typeof(MshvGenerator))]
    [InlineData(typeof(AbiModel))]
    public void Analyzer_assembly_declares_no_native_imports(System.Type typeInAssembly)
    {
        using var reader = new PEReader(File.OpenRead(typeInAssembly.Assembly.Location));
        MetadataReader metadata = reader.GetMetadataReader();

        var imports = metadata.MethodDefinitions
            .Select(metadata.GetMethodDefinition)
            .Where(method => !method.GetImport().Module.IsNil)
            .Select(method => metadata.GetString(method.Name))
            .ToList();

        Assert.True(imports.Count == 0, "native imports in " + typeInAssembly.Assembly.GetName().Name + ": " + string.Join(", ", imports));
        Assert.True(reader.PEHeaders.CorHeader!.Flags.HasFlag(CorFlags.ILOnly), "the analyzer must be IL only");
    }

    [Theory]
    [InlineData(typeof(MshvGenerator))]
    [InlineData(typeof(AbiModel))]
    public void Analyzer_assembly_references_neither_the_scanner_nor_libclang(System.Type typeInAssembly)
    {
        var references = typeInAssembly.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name => name.Contains("Scanner") || name.Contains("clang", System.StringComparison.OrdinalIgnoreCase));
    }
}
