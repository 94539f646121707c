using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Feeds;
using NkWatch.Core.Matches;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;

namespace NkWatch.Integration.Tests.Web;

/// <summary>GET /api/matches, /api/matches.atom, /api/health and the assets, over stored matches with hostile text.</summary>
public sealed class ArchiveTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date.AddHours(3), TimeSpan.Zero);

    private WebApp web = null!;

    public async Task InitializeAsync()
    {
        web = await WebApp.StartAsync();
        var store = web.Services.GetRequiredService<IMatchStore>();
        await store.AddAsync(Match("1111111111111111aaaaaaaaaaaaaaaa", "UN rights experts urge ICC referral", "https://news.un.org/story", ["accountability"], Today.AddHours(1)) with
        {
            // A stored hit names the rule's term; the page quotes the words it points at, and drops one pointing elsewhere.
            Hits = [new("refer*", "accountability", "title", 27, 8), new("abduct*", "accountability", "title", 0, 2)],
        }, default);
        await store.AddAsync(Match("2222222222222222bbbbbbbbbbbbbbbb", "<script>alert('title')</script> Defectors & \"forced\" return", "javascript:alert(1)", ["refugees"], Today.AddDays(-1)), default);
        await store.AddAsync(Match("3333333333333333cccccccccccccccc", "탈북민 강제북송 우려 \u0001", "https://example.org/ko?a=1&b=2", ["refugees", "detention"], Today.AddDays(-1).AddHours(2)) with { Summary = "<img src=x onerror=alert(2)> summary" }, default);
    }

    public async Task DisposeAsync() => await web.DisposeAsync();

    private static StoredMatch Match(string id, string title, string link, string[] topics, DateTimeOffset at) => new()
    {
        ItemId = id,
        FeedId = "un-news-human-rights",
        Title = title,
        Link = link,
        Published = at,
        Summary = "A summary of " + title,
        Score = 3,
        Topics = topics,
        StoredAt = at,
        StoryId = id,
    };

    [Fact]
    public async Task ThePageShowsTheLatestStoriesByDayAndTopicWithFeedTextEscaped()
    {
        using var response = await web.Http.GetAsync("/api/matches");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("UN rights experts urge ICC referral", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/ko?a=1&amp;b=2\"", html, StringComparison.Ordinal);
        var today = html.IndexOf(Today.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var yesterday = html.IndexOf(Today.AddDays(-1).ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.InRange(today, 0, yesterday);
        Assert.Contains("Accountability", html, StringComparison.Ordinal);
        Assert.Contains("Defectors and forced repatriation", html, StringComparison.Ordinal);
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("Why this matched: Accountability: \u201Creferral\u201D", text, StringComparison.Ordinal);
        Assert.DoesNotContain("refer*", text, StringComparison.Ordinal);
        Assert.DoesNotContain("abduct", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAtomFeedParsesWithNkWatchsOwnParser()
    {
        using var response = await web.Http.GetAsync("/api/matches.atom");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var feed = new FeedParser(TimeProvider.System).Parse(bytes, response.Content.Headers.ContentType.ToString(), new Uri(web.BaseUrl + "/api/matches.atom"), "archive");
        Assert.Equal("atom", feed.Format, ignoreCase: true);
        Assert.Equal(3, feed.Items.Count);
        Assert.Equal("UN rights experts urge ICC referral", feed.Items[0].Title);
        Assert.Equal("https://news.un.org/story", feed.Items[0].Link);
        Assert.Contains(feed.Items, i => i.Title.EndsWith("Defectors & \"forced\" return", StringComparison.Ordinal) && i.Link is null);
        Assert.Contains(feed.Items, i => i.Title.StartsWith("탈북민 강제북송 우려", StringComparison.Ordinal));
        Assert.All(feed.Items, i => Assert.NotNull(i.Published));
    }

    [Fact]
    public async Task TheAtomFeedIsWellFormedAtomWithStableIds()
    {
        var first = System.Xml.Linq.XDocument.Parse(await web.Http.GetStringAsync("/api/matches.atom"));
        var second = System.Xml.Linq.XDocument.Parse(await web.Http.GetStringAsync("/api/matches.atom"));
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";

        Assert.Equal(atom + "feed", first.Root!.Name);
        Assert.NotNull(first.Root.Element(atom + "updated"));
        Assert.Equal("self", first.Root.Elements(atom + "link").First().Attribute("rel")!.Value);
        var ids = first.Root.Elements(atom + "entry").Select(e => e.Element(atom + "id")!.Value).ToList();
        Assert.Equal(ids, second.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "id")!.Value));
        Assert.Contains("urn:uuid:11111111-1111-1111-aaaa-aaaaaaaaaaaa", ids);
    }

    [Fact]
    public async Task HealthShowsFeedStatesAndQueueDepthsIncludingPoison()
    {
        await web.Services.GetRequiredService<IFeedStateStore>().SaveAsync(new FeedState { FeedId = "un-news-human-rights", ConsecutiveFailures = 4, LastError = "HTTP 503", LastPolledAt = DateTimeOffset.UtcNow }, default);
        var queues = web.Services.GetRequiredService<IMessageQueues>();
        await queues.Get(QueueNames.Digests).SendAsync("{}", default);
        await queues.Get(QueueNames.Matches + "-poison").SendAsync("{}", default);

        using var response = await web.Http.GetAsync("/api/health");
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("degraded", health.RootElement.GetProperty("status").GetString());
        var queuesJson = health.RootElement.GetProperty("queues");
        Assert.Equal(1, queuesJson.GetProperty("digests").GetInt32());
        Assert.Equal(1, queuesJson.GetProperty("matches-poison").GetInt32());
        Assert.Equal(0, queuesJson.GetProperty("feed-poll").GetInt32());
        Assert.Equal(0, queuesJson.GetProperty("feed-poll-poison").GetInt32());
        var unNews = health.RootElement.GetProperty("feeds").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "un-news-human-rights");
        Assert.False(unNews.GetProperty("healthy").GetBoolean());
        Assert.Equal("HTTP 503", unNews.GetProperty("lastError").GetString());
        Assert.Equal("failing", unNews.GetProperty("condition").GetString());
    }

    [Theory]
    [InlineData("nkwatch.css", "text/css")]
    [InlineData("timezone.js", "text/javascript")]
    public async Task AssetsAreServedFromThisOrigin(string name, string mediaType)
    {
        using var response = await web.Http.GetAsync("/api/assets/" + name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/api/assets/other.css")]
    [InlineData("/api/assets/..%2Fappsettings.json")]
    public async Task UnknownAssetsAre404(string path)
    {
        using var response = await web.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
