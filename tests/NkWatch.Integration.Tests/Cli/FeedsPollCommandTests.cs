using System.Text.Json;
using NkWatch.Integration.Tests.Feeds;
using NkWatch.Integration.Tests.Infrastructure;
using static NkWatch.Integration.Tests.Feeds.CliRunner;

namespace NkWatch.Integration.Tests.Cli;

/// <summary>
/// `nkwatch feeds poll` against loopback feeds: a poll now, whatever the schedule, with the stored
/// validators (so an unchanged feed answers 304), the lines `run` prints, and the reason a feed
/// failed kept for `feeds status`.
/// </summary>
public sealed class FeedsPollCommandTests : IAsyncLifetime, IDisposable
{
    private const string Story = "UN rights experts urge ICC referral of North Korea";
    private readonly TempDirectory temp = new();
    private ScriptedFeedServer server = null!;

    private string Data => temp.Combine("data");

    public async Task InitializeAsync() => server = await ScriptedFeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task TheSecondPollOfAnUnchangedFeedIsANotModified()
    {
        server.Serve("wire", Feed("wire"));
        var feeds = Catalog("wire");

        var (firstCode, first, _) = await NkWatchAsync("feeds", "poll", "--feeds", feeds, "--data", Data);
        var (secondCode, second, _) = await NkWatchAsync("feeds", "poll", "--feeds", feeds, "--data", Data);
        var (_, status, _) = await NkWatchAsync("feeds", "status", "--json", "--feeds", feeds, "--data", Data);

        Assert.Equal((0, 0), (firstCode, secondCode));
        Assert.Contains("feed wire: ok, 1 items, 1 new, 1 matches", first, StringComparison.Ordinal);
        Assert.Contains("polled 1 feeds (0 failed), 1 new matches", first, StringComparison.Ordinal);
        Assert.Contains("feed wire: not-modified, 0 items, 0 new, 0 matches", second, StringComparison.Ordinal);
        var requests = server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal("wire", requests[0]);
        Assert.StartsWith("wire \"", requests[1], StringComparison.Ordinal);

        using var health = JsonDocument.Parse(status);
        var wire = Assert.Single(health.RootElement.EnumerateArray());
        Assert.Equal("ok", wire.GetProperty("condition").GetString());
        Assert.True(wire.GetProperty("nextPollAt").GetDateTimeOffset() > wire.GetProperty("lastSuccessAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task OnlyTheNamedFeedsArePolledThoughTheyAreNotDue()
    {
        server.Serve("agency", Feed("agency"));
        server.Serve("aggregator", Feed("aggregator"));
        var feeds = Catalog("agency", "aggregator");
        await NkWatchAsync("feeds", "poll", "--feeds", feeds, "--data", Data);

        var (code, output, _) = await NkWatchAsync("feeds", "poll", "--only", "aggregator", "--feeds", feeds, "--data", Data);

        Assert.Equal(0, code);
        Assert.Contains("feed aggregator: not-modified", output, StringComparison.Ordinal);
        Assert.DoesNotContain("feed agency", output, StringComparison.Ordinal);
        Assert.Contains("polled 1 feeds (0 failed)", output, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests.Count(r => r.StartsWith("agency", StringComparison.Ordinal)));
        Assert.Equal(2, server.Requests.Count(r => r.StartsWith("aggregator", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AFeedThatRefusesTheUserAgentSaysSoInTheStatus()
    {
        server.Serve("wire", Feed("wire"));
        server.Fail("blocked", 403);
        var feeds = Catalog("wire", "blocked");

        var (code, output, _) = await NkWatchAsync("feeds", "poll", "--feeds", feeds, "--data", Data);
        var (_, status, _) = await NkWatchAsync("feeds", "status", "--feeds", feeds, "--data", Data);

        Assert.Equal(1, code);
        Assert.Contains("feed blocked: error: refused by the server (403): it may block non-browser User-Agents; set Fetch__UserAgent", output, StringComparison.Ordinal);
        Assert.Contains("feed wire: ok", output, StringComparison.Ordinal);
        Assert.Contains("polled 2 feeds (1 failed)", output, StringComparison.Ordinal);
        var line = Assert.Single(status.Split('\n'), l => l.StartsWith("blocked\t", StringComparison.Ordinal));
        Assert.Contains("failing", line, StringComparison.Ordinal);
        Assert.Contains("refused by the server (403)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIdNotInTheCatalogueIsOneErrorLine()
    {
        var feeds = Catalog("wire");

        var (code, output, error) = await NkWatchAsync("feeds", "poll", "--only", "wire,nope", "--feeds", feeds, "--data", Data);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.EndsWith("error: not in the catalogue: nope", error.TrimEnd(), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task HelpPrintsTheUsage()
    {
        var (code, output, _) = await NkWatchAsync("feeds", "poll", "--help");

        Assert.Equal(0, code);
        Assert.StartsWith("usage: nkwatch feeds poll [--only ID,...]", output, StringComparison.Ordinal);
    }

    private string Catalog(params string[] ids)
    {
        var path = temp.Combine("feeds.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { feeds = ids.Select(id => new { id, name = id, url = server.At(id).ToString(), language = "en" }) }));
        return path;
    }

    private static string Feed(string name) =>
        $"<rss version=\"2.0\"><channel><title>{name}</title><link>https://{name}.example.org/</link>"
        + $"<item><title>{Story}</title><link>https://{name}.example.org/2026/11/icc-referral</link>"
        + "<pubDate>Fri, 27 Nov 2026 09:00:00 GMT</pubDate><description>Experts said the Commission of Inquiry found crimes against humanity in North Korea's prison camps.</description></item>"
        + "</channel></rss>";
}
