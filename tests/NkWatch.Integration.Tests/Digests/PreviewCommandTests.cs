using NkWatch.Cli;
using NkWatch.Integration.Tests.Infrastructure;

namespace NkWatch.Integration.Tests.Digests;

/// <summary><c>nkwatch digest preview</c>: the next digest as a file, nothing sent, the watermark where it was.</summary>
public sealed class PreviewCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task PreviewWritesTheNextDigestWithoutSendingItOrMovingTheWatermark()
    {
        await using var server = await FeedServer.StartAsync(("/wire.xml", "wire.xml", "application/rss+xml"));
        var feeds = FeedServer.WriteCatalog(temp.Path, server, ("wire", "/wire.xml"));
        var data = temp.Combine("data");
        var output = temp.Combine("preview", "digest.html");

        // A daily subscriber added now is not due in this run: the run stores the matches and sends nothing.
        await NkWatchAsync("subscribers", "add", "analyst@example.org", "--frequency", "daily", "--data", data, "--feeds", feeds);
        await NkWatchAsync("run", "--once", "--data", data, "--feeds", feeds);
        var (code, stdout, _) = await NkWatchAsync("digest", "preview", "--email", "analyst@example.org", "--out", output, "--data", data, "--feeds", feeds);
        var (again, secondOut, _) = await NkWatchAsync("digest", "preview", "--email", "analyst@example.org", "--out", output, "--data", data, "--feeds", feeds);

        Assert.Equal(0, code);
        Assert.Contains("subject: 2 new: ", stdout, StringComparison.Ordinal);
        Assert.Contains("(not sent)", stdout, StringComparison.Ordinal);
        Assert.Contains("UN rights experts urge ICC referral of North Korea", await File.ReadAllTextAsync(output), StringComparison.Ordinal);
        Assert.Contains("Unsubscribe: http://localhost:5080/api/subscriptions/unsubscribe?token=", await File.ReadAllTextAsync(Path.ChangeExtension(output, ".txt")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(data, "outbox")) && Directory.EnumerateFiles(Path.Combine(data, "outbox")).Any());
        Assert.Equal(0, again);
        Assert.Equal(stdout, secondOut);
    }

    [Fact]
    public async Task PreviewOfAnUnknownAddressIsABadInput()
    {
        var (code, _, stderr) = await NkWatchAsync("digest", "preview", "--email", "nobody@example.org", "--out", temp.Combine("x.html"), "--data", temp.Combine("data"));

        Assert.Equal(CommandLine.BadInput, code);
        Assert.Equal("error: no subscriber nobody@example.org", stderr.Split('\n').Last(l => l.Length > 0).TrimEnd());
    }

    private static async Task<(int Code, string Out, string Err)> NkWatchAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, TextReader.Null, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
