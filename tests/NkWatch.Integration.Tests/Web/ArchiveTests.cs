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
    // The day before the server's clock (WebApp.Clock), early: every story is in the past on it.
    private static readonly DateTimeOffset Day = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);

    private WebApp web = null!;

    public async Task InitializeAsync()
    {
        web = await WebApp.StartAsync();
        var store = web.Services.GetRequiredService<IMatchStore>();
        await store.AddAsync(Match("1111111111111111aaaaaaaaaaaaaaaa", "UN rights experts urge ICC referral", "https://news.un.org/story", ["accountability"], Day.AddHours(1)) with
        {
            // A stored hit names the rule's term; the page quotes the words it points at, and drops one pointing elsewhere.
            Hits = [new("refer*", "accountability", "title", 27, 8), new("abduct*", "accountability", "title", 0, 2)],
        }, default);
        await store.AddAsync(Match("2222222222222222bbbbbbbbbbbbbbbb", "<script>alert('title')</script> Defectors & \"forced\" return", "javascript:alert(1)", ["refugees"], Day.AddDays(-1)), default);
        await store.AddAsync(Match("3333333333333333cccccccccccccccc", "탈북민 강제북송 우려 \u0001", "https://example.org/ko?a=1&b=2", ["refugees", "detention"], Day.AddDays(-1).AddHours(2)) with { Summary = "<img src=x onerror=alert(2)> summary" }, default);
    }

    public async Task DisposeAsync() => await web.DisposeAsync();

    /// <summary>The archive's feed as NkWatch's own feed parser reads it.</summary>
    private ParsedFeed ParseArchiveFeed(byte[] bytes, string contentType) =>
        new FeedParser(web.Clock).Parse(bytes, contentType, new Uri(web.BaseUrl + "/api/matches.atom"), "archive");

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
        var today = html.IndexOf(Day.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var yesterday = html.IndexOf(Day.AddDays(-1).ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
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
        var feed = ParseArchiveFeed(bytes, response.Content.Headers.ContentType.ToString());
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
    public async Task ATopicAndLanguageFeedParsesAndCarriesOnlyThatTopicAndLanguage()
    {
        var store = web.Services.GetRequiredService<IMatchStore>();
        await store.AddAsync(Match("4444444444444444dddddddddddddddd", "拉致被害者の家族が国連で訴え", "https://www.nhk.or.jp/a", ["abductions"], Day.AddHours(2)) with { FeedId = "nhk-international" }, default);
        await store.AddAsync(Match("5555555555555555eeeeeeeeeeeeeeee", "납북자 가족, 유엔에 호소", "https://www.yna.co.kr/b", ["abductions"], Day.AddHours(2)) with { FeedId = "yonhap-nk-ko" }, default);
        await store.AddAsync(Match("6666666666666666ffffffffffffffff", "脱北者の強制送還に懸念", "https://www.nhk.or.jp/c", ["refugees"], Day.AddHours(2)) with { FeedId = "nhk-international" }, default);

        using var response = await web.Http.GetAsync("/api/matches.atom?topic=abductions&language=ja");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var feed = ParseArchiveFeed(bytes, response.Content.Headers.ContentType!.ToString());
        var xml = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes));
        System.Xml.Linq.XNamespace atom = "http://www.w3.org/2005/Atom";

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("拉致被害者の家族が国連で訴え", Assert.Single(feed.Items).Title);
        Assert.EndsWith("/api/matches.atom?topic=abductions&language=ja", xml.Root!.Element(atom + "id")!.Value, StringComparison.Ordinal);
        Assert.Contains("Japanese", feed.Title, StringComparison.Ordinal);
        using var korean = await web.Http.GetAsync("/api/matches.atom?language=ko");
        var koreanFeed = ParseArchiveFeed(await korean.Content.ReadAsByteArrayAsync(), "application/atom+xml");
        Assert.Equal(["납북자 가족, 유엔에 호소"], koreanFeed.Items.Select(i => i.Title));
        var page = WebUtility.HtmlDecode(await web.Http.GetStringAsync("/api/matches?topic=abductions"));
        Assert.Contains("납북자 가족, 유엔에 호소", page, StringComparison.Ordinal);
        Assert.DoesNotContain("脱北者の強制送還に懸念", page, StringComparison.Ordinal);
        Assert.DoesNotContain("UN rights experts urge ICC referral", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/matches.atom?topic=abductions\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoryAcrossLanguagesIsShownOnceWithItsOtherOutletsAndTheirLanguages()
    {
        var store = web.Services.GetRequiredService<IMatchStore>();
        const string story = "7777777777777777aaaaaaaaaaaaaaaa";
        await store.AddAsync(Match(story, "Third Committee adopts DPRK resolution for 21st year", "https://news.un.org/third", ["un-action"], Day.AddHours(2)), default);
        await store.AddAsync(Match("8888888888888888bbbbbbbbbbbbbbbb", "国連総会第3委員会、北朝鮮人権決議を21年連続で採択", "https://www.nhk.or.jp/third", ["un-action"], Day.AddHours(2).AddMinutes(5)) with { FeedId = "nhk-international", StoryId = story }, default);

        var html = WebUtility.HtmlDecode(await web.Http.GetStringAsync("/api/matches"));
        var atom = await web.Http.GetStringAsync("/api/matches.atom");

        Assert.DoesNotContain(">国連総会第3委員会、北朝鮮人権決議を21年連続で採択<", html, StringComparison.Ordinal);
        Assert.Contains("Also reported by NHK: 国際 (international news) (Japanese)", System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", string.Empty), @"\s+", " "), StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.nhk.or.jp/third\" lang=\"ja\"", html, StringComparison.Ordinal);
        Assert.Contains("(Also reported by NHK: 国際 (international news) (Japanese).)", atom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSubscribePageLinksEachTopicsFeedAndItsLanguages()
    {
        var html = await web.Http.GetStringAsync("/api/subscribe");

        Assert.Contains("href=\"/api/matches.atom?topic=abductions\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/matches.atom?topic=abductions&amp;language=ja\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/matches.atom?topic=un-action&amp;language=ko\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/matches.atom?topic=weather", "topic must be one of")]
    [InlineData("/api/matches?language=fr", "language must be one of en, ko, ja")]
    [InlineData("/api/matches?topic=abductions&topic=refugees", "topic may be given once")]
    [InlineData("/api/matches?before=12-x%2Fy", "before must be a cursor")]
    [InlineData("/api/matches?q=%21%21%21", "no words to look for")]
    [InlineData("/api/matches.atom?q=referral", "search on the page")]
    public async Task UnknownFiltersAreA400ThatSaysWhatWasWrong(string path, string message)
    {
        using var response = await web.Http.GetAsync(path);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALongSearchIsRefused()
    {
        using var response = await web.Http.GetAsync("/api/matches?q=" + new string('a', 201));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("longer than 200 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchOnThePageFindsAMatchByAWordOfItsSummaryWithItsReasons()
    {
        var html = WebUtility.HtmlDecode(await web.Http.GetStringAsync("/api/matches?q=onerror+summary"));
        var korean = WebUtility.HtmlDecode(await web.Http.GetStringAsync("/api/matches?q=" + Uri.EscapeDataString("북송")));
        var none = WebUtility.HtmlDecode(await web.Http.GetStringAsync("/api/matches?q=geneva"));

        Assert.Contains("탈북민 강제북송 우려", html, StringComparison.Ordinal);
        Assert.DoesNotContain("UN rights experts urge ICC referral", html, StringComparison.Ordinal);
        Assert.Contains("Search: onerror summary", html, StringComparison.Ordinal);
        Assert.Contains("탈북민 강제북송 우려", korean, StringComparison.Ordinal);
        Assert.Contains("No stored match contains all of these words.", none, StringComparison.Ordinal);
        var hostile = await web.Http.GetStringAsync("/api/matches?q=" + Uri.EscapeDataString("<script>alert(1)</script> \" OR *"));
        Assert.DoesNotContain("<script>alert(1)", hostile, StringComparison.Ordinal);
        Assert.Contains("No stored match contains all of these words.", hostile, StringComparison.Ordinal);
        var referral = WebUtility.HtmlDecode(await web.Http.GetStringAsync("/api/matches?q=referral"));
        Assert.Contains("Why this matched: Accountability: \u201Creferral\u201D", referral, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePageNamesOutletsAndPagesOlderMatchesThroughACursor()
    {
        var store = web.Services.GetRequiredService<IMatchStore>();
        var many = Enumerable.Range(0, 105).Select(i => Match($"{i:D4}000000000000eeeeeeeeeeeeeeee", "Older story " + i, "https://example.org/" + i, ["detention"], Day.AddDays(-2).AddMinutes(i)));
        foreach (var match in many)
        {
            await store.AddAsync(match, default);
        }

        var first = await web.Http.GetStringAsync("/api/matches");
        var older = System.Text.RegularExpressions.Regex.Match(first, "rel=\"next\" href=\"([^\"]+)\"").Groups[1].Value;
        var second = await web.Http.GetStringAsync(WebUtility.HtmlDecode(older));

        Assert.Contains("UN News: Human Rights", first, StringComparison.Ordinal);
        Assert.StartsWith("/api/matches?before=", older, StringComparison.Ordinal);
        Assert.Contains(">Older story 7<", second, StringComparison.Ordinal);
        Assert.DoesNotContain(">Older story 7<", first, StringComparison.Ordinal);
        Assert.DoesNotContain(">Older story 104<", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthShowsFeedStatesAndQueueDepthsIncludingPoison()
    {
        await web.Services.GetRequiredService<IFeedStateStore>().SaveAsync(new FeedState { FeedId = "un-news-human-rights", ConsecutiveFailures = 4, LastError = "HTTP 503", LastPolledAt = web.Clock.GetUtcNow() }, default);
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
