using System;

namespace Mshv.Tests.Packaging;

/// <summary>
/// A console project outside the checkout, set up as the README says: a nuget.config with the test run's feed,
/// <c>PackageReference</c>s to Mshv.Generator and Mshv.Bindings at the feed's version, <c>AllowUnsafeBlocks</c>.
/// Get one from <see cref="PackedFeed.NewConsumer"/>; the folder is deleted on dispose.
/// </summary>
internal sealed class PackageConsumer : IDisposable
{
    public const string ProjectName = "Consumer";

    private readonly PackedFeed _feed;

    public PackageConsumer(PackedFeed feed, TempFolder folder)
    {
        _feed = feed;
        Folder = folder;
    }

    public TempFolder Folder { get; }

    public string Path => Folder.Path;

    public string ProjectFile => Folder.Combine(ProjectName + ".csproj");

    /// <summary>
    /// Writes nuget.config, Consumer.csproj (<paramref name="properties"/> and <paramref name="items"/> are MSBuild XML)
    /// and Program.cs.
    /// </summary>
    public PackageConsumer Write(string properties, string items, string program = "System.Console.WriteLine(1);\n")
    {
        Folder.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_feed.Path}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        Folder.Write(ProjectName + ".csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
            {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Mshv.Generator" Version="{_feed.Version}" PrivateAssets="all" />
                <PackageReference Include="Mshv.Bindings" Version="{_feed.Version}" />
            {items}
              </ItemGroup>
            </Project>
            """);
        Folder.Write("Program.cs", program);
        return this;
    }

    /// <summary><c>dotnet build</c> (restoring first unless <paramref name="extra"/> says <c>--no-restore</c>).</summary>
    public DotnetResult Build(params string[] extra) => DotnetCli.Build(Path, extra);

    /// <summary>Runs the built program (Debug, net10.0).</summary>
    public DotnetResult Run() =>
        DotnetCli.Run(Path, Folder.Combine("bin", "Debug", "net10.0", ProjectName + ".dll")).AssertSucceeded("running the consumer");

    public void Dispose() => Folder.Dispose();
}
