using System.Text.Json;
using MimeKit;
using NkWatch.Integration.Tests.Infrastructure;
using static NkWatch.Integration.Tests.Feeds.CliRunner;

namespace NkWatch.Integration.Tests.Feeds;

/// <summary>
/// Through <c>nkwatch run --once</c> on the embedded default: a story carried by two feeds under
/// URLs that differ only by tracking parameters and fragment reaches the digest once, and a
/// broken feed beside them neither stops the run nor hides their stories.
/// </summary>
public sealed class OneStoryOnceTests : IAsyncLifetime, IDisposable
{
    private const string Story = "UN rights experts urge ICC referral of North Korea";
    private readonly TempDirectory temp = new();
    private ScriptedFeedServer server = null!;

    public async Task InitializeAsync() => server = await ScriptedFeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task AStoryCarriedByTwoFeedsUnderTrackedUrlsReachesTheDigestOnce()
    {
        server.Serve("agency", Feed("Agency", Story, "https://news.example.org/2026/11/icc-referral?utm_source=rss&utm_medium=feed#main"));
        server.Serve("aggregator", Feed("Aggregator", Story, "https://NEWS.example.org/2026/11/icc-referral?fbclid=IwAR0xyz&gclid=abc#comments"));
        server.Fail("broken", 503);
        var feeds = temp.Combine("feeds.json");
        await File.WriteAllTextAsync(feeds, JsonSerializer.Serialize(new
        {
            feeds = new[] { "agency", "aggregator", "broken" }.Select(id => new { id, name = id, url = server.At(id).ToString(), language = "en" }),
        }));
        var data = temp.Combine("data");

        await NkWatchAsync("subscribers", "add", "analyst@example.org", "--frequency", "instant", "--data", data, "--feeds", feeds);
        var (code, output, _) = await NkWatchAsync("run", "--once", "--data", data, "--feeds", feeds);
        var (_, status, _) = await NkWatchAsync("feeds", "status", "--json", "--data", data, "--feeds", feeds);

        Assert.Equal(0, code);
        Assert.Contains("feed broken: error: HTTP 503 Service Unavailable", output, StringComparison.Ordinal);
        var email = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(Path.Combine(data, "outbox"), "*.eml")));
        Assert.StartsWith("1 new: " + Story, email.Subject, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(email.TextBody, "1. " + Story));
        Assert.Equal(1, Occurrences(email.HtmlBody, "href=\"https://news.example.org/2026/11/icc-referral\""));
        Assert.Equal(1, Occurrences(email.TextBody, "news.example.org/2026/11/icc-referral"));

        using var health = JsonDocument.Parse(status);
        var conditions = health.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("condition").GetString());
        Assert.Equal("ok", conditions["agency"]);
        Assert.Equal("failing", conditions["broken"]);
    }

    private static string Feed(string title, string story, string link) =>
        $"<rss version=\"2.0\"><channel><title>{title}</title><link>https://{title.ToLowerInvariant()}.example.org/</link>"
        + $"<item><title>{story}</title><link>{System.Security.SecurityElement.Escape(link)}</link><guid isPermaLink=\"false\">{title}-1</guid>"
        + "<pubDate>Fri, 27 Nov 2026 09:00:00 GMT</pubDate><description>Experts said the Commission of Inquiry found crimes against humanity in North Korea's prison camps.</description></item>"
        + "</channel></rss>";

    private static int Occurrences(string? text, string value)
    {
        text ??= string.Empty;
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
