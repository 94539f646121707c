using NkWatch.Integration.Tests.Infrastructure;
using static NkWatch.Integration.Tests.Feeds.CliRunner;

namespace NkWatch.Integration.Tests.Cli;

/// <summary>The data folder holds every address, the token key and emails with live links: on Unix only its owner may read it.</summary>
public sealed class DataFolderModeTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TheDatabaseTokenKeyAndOutboxAreTheOwnersOnly()
    {
        await using var server = await FeedServer.StartAsync(("/wire.xml", "wire.xml", "application/rss+xml"));
        var feeds = FeedServer.WriteCatalog(temp.Path, server, ("wire", "/wire.xml"));
        var data = temp.Combine("data");
        await NkWatchAsync("subscribers", "add", "desk@example.org", "--frequency", "instant", "--data", data);

        var (code, _, _) = await NkWatchAsync("run", "--once", "--data", data, "--feeds", feeds);

        Assert.Equal(0, code);
        var outbox = Path.Combine(data, "outbox");
        string[] files = [Path.Combine(data, "nkwatch.db"), Path.Combine(data, "token.key"), .. Directory.GetFiles(outbox)];
        Assert.Contains(files, f => f.EndsWith(".eml", StringComparison.Ordinal));
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
        Assert.All(new[] { data, outbox }, d => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(d)));
    }
}
