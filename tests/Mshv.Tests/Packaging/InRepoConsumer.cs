using System;
using System.IO;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.Packaging;

/// <summary>
/// A throw-away project that imports the package's buildTransitive props/targets straight from the source tree,
/// with the scanner and generator this test run built: the build integration without packing (fast enough for
/// one build per error case).
/// </summary>
internal static class InRepoConsumer
{
    public static string BuildTransitive(string file) => RepoPaths.InRoot("src", "Mshv.Generator.Package", "buildTransitive", file);

    /// <summary>
    /// Writes <c>NAME/NAME.csproj</c> (an <paramref name="outputType"/> project without MshvNamespace, so its generated
    /// types land in NAME.Interop) and <c>NAME/Code.cs</c>; returns the project folder.
    /// </summary>
    public static string WriteProject(TempFolder folder, string name, string outputType, string properties, string items, string code)
    {
        string unsafeCode = "    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>\n";
        folder.Write(Path.Combine(name, name + ".csproj"), ProjectText(outputType, unsafeCode + properties, items));
        folder.Write(Path.Combine(name, "Code.cs"), code);
        return folder.Combine(name);
    }

    /// <summary>Writes <c>Consumer.csproj</c> with <paramref name="properties"/> and <paramref name="items"/> (MSBuild XML) and a Program.cs.</summary>
    public static void Write(TempFolder folder, string properties, string items, string program = "System.Console.WriteLine(1);\n")
    {
        folder.Write("Consumer.csproj", ProjectText("Exe", "    <MshvNamespace>Consumer.Interop</MshvNamespace>\n" + properties, items));
        folder.Write("Program.cs", program);
    }

    // One project shape for every in-repo consumer: the scanner, generator and task this test run built, the package's
    // buildTransitive files from the source tree.
    private static string ProjectText(string outputType, string properties, string items)
    {
        string bin = AppContext.BaseDirectory;
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <MshvToolPath>{Path.Combine(bin, "mshv.dll")}</MshvToolPath>
                <MshvLibClangPath>{Path.Combine(bin, "runtimes", "linux-x64", "native", "libclang.so")}</MshvLibClangPath>
                <MshvTasksAssembly>{Path.Combine(bin, "Mshv.Build.Tasks.dll")}</MshvTasksAssembly>
            {properties}
              </PropertyGroup>
              <Import Project="{BuildTransitive("Mshv.Generator.props")}" />
              <ItemGroup>
                <Analyzer Include="{Path.Combine(bin, "Mshv.Generator.dll")};{Path.Combine(bin, "Mshv.Abi.dll")}" />
            {items}
              </ItemGroup>
              <Import Project="{BuildTransitive("Mshv.Generator.targets")}" />
            </Project>
            """;
    }
}
