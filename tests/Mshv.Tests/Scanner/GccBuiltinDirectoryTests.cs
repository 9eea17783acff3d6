using System.IO;
using Mshv.Scanner;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Scanner;

/// <summary>
/// The builtin include folder is asked of gcc once per compiler, not once per scan: a stand-in <c>gcc</c> counts how
/// often it is started, and is changed (another size, another identity) to show that a new compiler is asked again.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class GccBuiltinDirectoryTests
{
    [Fact]
    public void Gcc_is_asked_once_per_compiler_identity()
    {
        using var temp = new TempDirectory("gcc-cache");
        string bin = Directory.CreateDirectory(Path.Combine(temp.Path, "bin")).FullName;
        string include = Directory.CreateDirectory(Path.Combine(temp.Path, "include")).FullName;
        File.WriteAllText(Path.Combine(include, "stddef.h"), "/* stand-in */\n");
        string calls = Path.Combine(temp.Path, "calls");
        string gcc = Path.Combine(bin, "gcc");
        string script = "#!/bin/sh\necho started >> '" + calls + "'\necho '" + include + "'\n";
        File.WriteAllText(gcc, script);
        File.SetUnixFileMode(gcc, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string cache = Path.Combine(temp.Path, "cache");

        Assert.Equal(include, GccBuiltinDirectory.Find(bin, cache));
        Assert.Equal(include, GccBuiltinDirectory.Find(bin, cache));
        Assert.Single(File.ReadAllLines(calls));

        File.WriteAllText(gcc, script + "# another build of the compiler\n");
        Assert.Equal(include, GccBuiltinDirectory.Find(bin, cache));
        Assert.Equal(2, File.ReadAllLines(calls).Length);
    }

    [Fact]
    public void A_cached_folder_that_lost_its_headers_is_asked_again()
    {
        using var temp = new TempDirectory("gcc-cache");
        string bin = Directory.CreateDirectory(Path.Combine(temp.Path, "bin")).FullName;
        string include = Directory.CreateDirectory(Path.Combine(temp.Path, "include")).FullName;
        string stddef = Path.Combine(include, "stddef.h");
        File.WriteAllText(stddef, "/* stand-in */\n");
        string gcc = Path.Combine(bin, "gcc");
        File.WriteAllText(gcc, "#!/bin/sh\necho '" + include + "'\n");
        File.SetUnixFileMode(gcc, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string cache = Path.Combine(temp.Path, "cache");

        Assert.Equal(include, GccBuiltinDirectory.Find(bin, cache));
        File.Delete(stddef);
        Assert.Null(GccBuiltinDirectory.Find(bin, cache));
    }

    [Fact]
    public void Without_gcc_there_is_no_builtin_folder()
    {
        using var temp = new TempDirectory("gcc-cache");
        Assert.Null(GccBuiltinDirectory.Find(temp.Path, Path.Combine(temp.Path, "cache")));
    }
}
