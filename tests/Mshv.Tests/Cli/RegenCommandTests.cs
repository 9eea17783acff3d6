using System.IO;
using Mshv.Tests.Infrastructure;
using Xunit;

namespace Mshv.Tests.Cli;

/// <summary>The README's main job: <c>mshv regen</c> on a header set kept with its scan settings.</summary>
public sealed class RegenCommandTests
{
    [Fact]
    public void Regen_on_unchanged_headers_keeps_the_snapshot_and_lists_what_was_bound()
    {
        using var copy = HeaderSetCopy.OfVendoredHeaders();
        string before = File.ReadAllText(copy.Model);

        (int exit, string output, string error) = copy.Regen();

        Assert.True(exit == 0, error);
        Assert.Contains("mshv.abi: unchanged", output);
        Assert.Contains("struct mshv_create_partition", output);
        Assert.Contains("MSHV_CREATE_PARTITION", output);
        Assert.Equal(before, File.ReadAllText(copy.Model));
    }

    [Fact]
    public void Regen_after_a_header_grows_a_struct_rewrites_the_snapshot_and_reports_the_breaking_change()
    {
        using var copy = HeaderSetCopy.OfVendoredHeaders();
        string before = File.ReadAllText(copy.Model);
        copy.Edit("linux/mshv.h", "__u64 flags;", "__u64 flags;\n\t__u64 added_by_test;");

        (int exit, string output, string error) = copy.Regen();

        Assert.True(exit == 0, error);
        Assert.Contains("mshv.abi: updated", output);
        Assert.Contains("Breaking", output);
        Assert.Contains("MSHV_CREATE_PARTITION", output);
        Assert.NotEqual(before, File.ReadAllText(copy.Model));
        Assert.Contains("added_by_test", File.ReadAllText(copy.Model));
    }

    [Fact]
    public void Regen_without_a_settings_file_fails_with_a_reason()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = Mshv.Cli.Program.Run(new[] { "regen", "--settings", Path.Combine(Path.GetTempPath(), "no-such-dir", "x.scan") }, output, error);

        Assert.Equal(1, exit);
        Assert.Contains("settings file", error.ToString());
    }

    /// <summary>A temporary copy of <c>headers/</c> (headers, settings and snapshot), so tests may edit it.</summary>
    private sealed class HeaderSetCopy : System.IDisposable
    {
        private readonly string _root;

        private HeaderSetCopy(string root) => _root = root;

        public string Model => Path.Combine(_root, "mshv.abi");

        public static HeaderSetCopy OfVendoredHeaders()
        {
            string root = Directory.CreateTempSubdirectory("mshv-regen-").FullName;
            foreach (string file in Directory.EnumerateFiles(RepoPaths.Headers, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(root, Path.GetRelativePath(RepoPaths.Headers, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            return new HeaderSetCopy(root);
        }

        public void Edit(string header, string find, string replaceWith)
        {
            string path = Path.Combine(_root, header);
            string text = File.ReadAllText(path);
            Assert.Contains(find, text);
            File.WriteAllText(path, text.Replace(find, replaceWith));
        }

        public (int Exit, string Output, string Error) Regen()
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = Mshv.Cli.Program.Run(new[] { "regen", "--settings", Path.Combine(_root, "mshv.scan") }, output, error);
            return (exit, output.ToString(), error.ToString());
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
