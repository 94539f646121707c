using System.Text;
using NkWatch.Core.Feeds;

namespace NkWatch.Core.Tests.Feeds;

public sealed class FeedCatalogTests
{
    private static FeedCatalog Parse(string json) => FeedCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "feeds.json");

    [Fact]
    public void ShippedCatalogueHasThirtyFiveSourcesInThreeLanguagesWithUnBodiesFirst()
    {
        var feeds = FeedCatalog.Load(TestPaths.Config("feeds.json")).Feeds;

        Assert.True(feeds.Count >= 35, $"{feeds.Count} feeds");
        Assert.Contains(feeds, f => f.Language == "ko");
        Assert.Contains(feeds, f => f.Language == "en");
        Assert.True(feeds.Count(f => f.Language == "ja") >= 5, $"{feeds.Count(f => f.Language == "ja")} Japanese feeds");
        var firstOther = feeds.ToList().FindIndex(f => f.Organisation != "un");
        Assert.True(firstOther >= 6);
        Assert.All(feeds.Take(firstOther), f => Assert.Equal("un", f.Organisation));
        Assert.All(feeds, f => Assert.Contains(f.Organisation, new[] { "un", "ngo", "news", "specialist", "government" }));
        Assert.Equal(feeds.Count, feeds.Select(f => f.Url).Distinct().Count());
    }

    [Fact]
    public void EveryShippedFeedHasARowOfEvidenceInTheFeedsDocument()
    {
        var rows = File.ReadAllLines(TestPaths.Docs("feeds.md"))
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length > 6)
            .GroupBy(cells => cells[1], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        Assert.All(FeedCatalog.Load(TestPaths.Config("feeds.json")).Feeds, feed =>
        {
            Assert.True(rows.TryGetValue(feed.Id, out var row), $"no row for {feed.Id} in docs/feeds.md");
            Assert.Contains(feed.Url, string.Join('|', row), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void OptionalFieldsKeepTheirJsonNames()
    {
        var feed = Assert.Single(Parse("""{"feeds":[{"id":"a","name":"A","url":"https://a.example.org/","language":"ko","organisation":"un","pollMinutes":20,"weight":1.5}]}""").Feeds);

        Assert.Equal(("ko", "un", 20, 1.5), (feed.Language, feed.Organisation, feed.PollMinutes, feed.Weight));
    }

    [Fact]
    public void JapaneseFeedsAreAccepted()
    {
        var feed = Assert.Single(Parse("""{"feeds":[{"id":"nhk","name":"NHK","url":"https://nhk.example.jp/rss","language":"ja"}]}""").Feeds);

        Assert.Equal("ja", feed.Language);
    }

    [Theory]
    [InlineData("""{"feeds":[{"id":"Bad Id","name":"A","url":"https://a.example.org/"}]}""", "\"id\" must be")]
    [InlineData("""{"feeds":[{"id":"a","name":"A","url":"https://a.example.org/"},{"id":"a","name":"B","url":"https://b.example.org/"}]}""", "duplicate id")]
    [InlineData("""{"feeds":[{"id":"a","name":"A","url":"ftp://a.example.org/"}]}""", "http or https")]
    [InlineData("""{"feeds":[{"id":"a","name":"A","url":"https://a.example.org/","weight":0}]}""", "weight")]
    [InlineData("""{"feeds":[{"id":"a","name":"A","url":"https://a.example.org/","pollMinutes":0}]}""", "pollMinutes")]
    [InlineData("""{"feeds":[{"id":"a","name":"A","url":"https://a.example.org/","type":"scrape"}]}""", "\"type\" must be one of feed, reliefweb-api")]
    [InlineData("""{"feeds":[{"id":"a","name":"A","url":"https://api.example.org/v2/reports?appname=x","type":"reliefweb-api"}]}""", "ReliefWeb__AppName setting")]
    [InlineData("""{"sources":[]}""", "\"feeds\" array")]
    [InlineData("""{"feeds":[{"id":"a","name":"A","url":"https://a.example.org/","language":"jp"}]}""", "\"language\" must be one of \"en\", \"ko\", \"ja\"")]
    [InlineData("""{"feeds":[""", "line")]
    public void BadCatalogueIsRefusedWithTheProblem(string json, string problem)
    {
        var error = Assert.Throws<ConfigurationFileException>(() => Parse(json));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("feeds.json: ", error.Message, StringComparison.Ordinal);
    }
}
