using System;
using System.IO;
using Mshv.Cli.Commands;
using Xunit;
using Mshv.Tests.Infrastructure;

namespace Mshv.Tests.AbiDiffTests;

/// <summary>The <c>mshv abi-diff</c> verb: its exit codes are what CI gates on.</summary>
public sealed class AbiDiffCommandTests : IDisposable
{
    private const string Model = "abi 1\ntarget x86_64-unknown-linux-gnu\nmacro MSHV_VERSION value=0 type=i32 c=\"int\" at=linux/mshv.h:13 expansion=\"0x0\"\n";

    private const string End = "end\n";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mshv-abidiff-cli-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public AbiDiffCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Same_model_exits_0_with_no_changes()
    {
        string model = Write("a.abi", Model + End);

        Assert.Equal(0, AbiDiffCommand.Run(model, model, markdown: false, _stdout, _stderr));
        Assert.Equal("No ABI changes.\n", _stdout.ToString());
    }

    [Fact]
    public void Compatible_changes_only_exit_0()
    {
        string old = Write("old.abi", Model + End);
        string added = Write("new.abi", Model + "macro MSHV_IOCTL value=184 type=i32 c=\"int\" at=linux/mshv.h:20 expansion=\"0xB8\"\n" + End);

        Assert.Equal(0, AbiDiffCommand.Run(old, added, markdown: false, _stdout, _stderr));
        Assert.Contains("[macro-added]", _stdout.ToString());
    }

    [Fact]
    public void Seed_headers_against_rev18_exit_1_and_render_markdown()
    {
        int exit = AbiDiffCommand.Run(RepoPaths.Headers, RepoPaths.SeedRev18Headers, markdown: true, _stdout, _stderr);

        Assert.Equal(1, exit);
        Assert.StartsWith("**ABI changes: 2 breaking,", _stdout.ToString());
        Assert.Contains("| `ioctl-request-changed` | `ioctl MSHV_CREATE_PARTITION` |", _stdout.ToString());
    }

    [Fact]
    public void Missing_input_exits_2_and_names_it()
    {
        string model = Write("a.abi", Model + End);
        string missing = Path.Combine(_dir, "nope.abi");

        Assert.Equal(2, AbiDiffCommand.Run(model, missing, markdown: false, _stdout, _stderr));
        Assert.Contains("NEW '" + missing + "'", _stderr.ToString());
        Assert.Equal(string.Empty, _stdout.ToString());
    }

    [Fact]
    public void Malformed_model_exits_2_with_file_and_line()
    {
        string good = Write("a.abi", Model + End);
        string bad = Write("bad.abi", "abi 1\ntarget x86_64-unknown-linux-gnu\nstruct s size=x align=4 at=t.h:1\n");

        Assert.Equal(2, AbiDiffCommand.Run(bad, good, markdown: false, _stdout, _stderr));
        Assert.Contains(bad + ":", _stderr.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
