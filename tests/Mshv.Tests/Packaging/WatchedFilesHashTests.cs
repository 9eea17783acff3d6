using System;
using System.IO;
using Mshv.Build.Tasks;
using Xunit;

namespace Mshv.Tests.Packaging;

/// <summary>
/// The task that names the no-op build's up-to-date marker: any change of a watched file's time (older too, by one
/// 100 ns tick), of the list, or of the seed is another hash; nothing else is.
/// </summary>
public sealed class WatchedFilesHashTests
{
    [Fact]
    public void Every_change_of_a_watched_time_the_list_or_the_seed_is_another_hash_and_nothing_else_is()
    {
        using var folder = new TempFolder("mshv-watchhash-");
        string header = folder.Write("include/a.h", "struct a { int x; };\n");
        string model = folder.Write("obj/a.abi", "model\n");
        var written = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567);
        File.SetLastWriteTimeUtc(header, written);
        File.SetLastWriteTimeUtc(model, written);
        string watch = folder.Write("obj/a.abi.watch", header + "\n\n" + model + "\n");

        string first = Hash(watch, "seed");
        Assert.Matches("^[0-9a-f]{16}$", first);
        Assert.Equal(first, Hash(watch, "seed"));

        // One tick older (a copy made with cp -p, a header package downgraded), then one tick newer.
        File.SetLastWriteTimeUtc(header, written.AddTicks(-1));
        string older = Hash(watch, "seed");
        File.SetLastWriteTimeUtc(header, written.AddTicks(1));
        string newer = Hash(watch, "seed");
        File.SetLastWriteTimeUtc(header, written);
        Assert.Equal(first, Hash(watch, "seed"));
        Assert.NotEqual(first, older);
        Assert.NotEqual(first, newer);
        Assert.NotEqual(older, newer);

        // The content is not the task's business (the scan hashes it): same time, other bytes, same hash.
        File.WriteAllText(header, "struct a { long x; };\n");
        File.SetLastWriteTimeUtc(header, written);
        Assert.Equal(first, Hash(watch, "seed"));

        Assert.NotEqual(first, Hash(watch, "other seed"));

        // A watched file deleted; a file added to the list; the list's order.
        File.Move(model, model + ".moved");
        Assert.NotEqual(first, Hash(watch, "seed"));
        File.Move(model + ".moved", model);
        Assert.Equal(first, Hash(watch, "seed"));
        File.WriteAllText(watch, header + "\n" + model + "\n" + watch + "\n");
        Assert.NotEqual(first, Hash(watch, "seed"));
        File.WriteAllText(watch, model + "\n" + header + "\n");
        Assert.NotEqual(first, Hash(watch, "seed"));
    }

    [Fact]
    public void No_list_is_no_hash_and_no_error()
    {
        using var folder = new TempFolder("mshv-watchhash-");
        var task = new MshvWatchedFilesHash { WatchFile = folder.Combine("obj", "missing.watch"), Seed = "seed" };
        Assert.True(task.Execute());
        Assert.Equal(string.Empty, task.Hash);
    }

    private static string Hash(string watchFile, string seed)
    {
        var task = new MshvWatchedFilesHash { WatchFile = watchFile, Seed = seed };
        Assert.True(task.Execute());
        return task.Hash;
    }
}
