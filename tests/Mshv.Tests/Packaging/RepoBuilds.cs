namespace Mshv.Tests.Packaging;

/// <summary>
/// One build of the repository's own projects at a time. Packing Mshv.Generator.Package (PackedFeed) and packing
/// Mshv.Tool for linux-x64 (ToolPackageTests) both build src/Mshv.Cli for linux-x64 into the same obj and bin folders;
/// run side by side, one rewrote mshv.dll while the other's ILCompiler had it mapped, and ilc died of a bus error.
/// </summary>
internal static class RepoBuilds
{
    public static readonly object Gate = new();
}
