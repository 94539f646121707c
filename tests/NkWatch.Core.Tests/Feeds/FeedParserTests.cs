using Microsoft.Extensions.Time.Testing;
using NkWatch.Core.Feeds;

namespace NkWatch.Core.Tests.Feeds;

/// <summary>One fixture file per oddity, one test per file.</summary>
public sealed class FeedParserTests
{
    private readonly FeedParser parser = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero)));

    private ParsedFeed ParseFixture(string name, string? contentType = null) =>
        parser.Parse(File.ReadAllBytes(TestPaths.Fixture("feeds", name)), contentType, new Uri("https://feeds.example.org/" + name), "test");

    [Fact]
    public void Rss2ItemsAreNormalisedToPlainTextAbsoluteLinksAndUtcDates()
    {
        var feed = ParseFixture("rss2-basic.xml");

        Assert.Equal("Example Wire & Co", feed.Title);
        Assert.Equal("rss2.0", feed.Format);
        var first = feed.Items[0];
        Assert.Equal("UN panel urges ICC referral over North Korea\u2019s prison camps", first.Title);
        Assert.Equal("https://wire.example.org/2026/11/un-panel-icc", first.Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 0, 30, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("The Commission of Inquiry said crimes against humanity continue.", first.Summary);
        Assert.DoesNotContain("alert", first.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AtomEntriesUseTheirUpdatedDateAndDecodedHtmlSummary()
    {
        var feed = ParseFixture("atom-basic.xml");

        Assert.Equal("atom", feed.Format);
        var entry = Assert.Single(feed.Items);
        Assert.Equal("https://atom.example.org/defectors", entry.Link);
        Assert.Equal("Escapees said they were sent back.", entry.Summary);
    }

    [Fact]
    public void JsonFeedItemsAreRead()
    {
        var feed = ParseFixture("jsonfeed-basic.json");

        var item = Assert.Single(feed.Items);
        Assert.Equal("Families of abductees meet envoy", item.Title);
        Assert.Equal("https://json.example.org/abductees", item.Link);
    }

    [Fact]
    public void EucKrFeedIsDecodedFromItsDeclaration()
    {
        var feed = ParseFixture("euc-kr.xml");

        Assert.Equal("연합뉴스 북한", feed.Title);
        Assert.StartsWith("유엔, 북한 인권결의안", feed.Items[0].Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dtd-entity-bomb.xml", "DTD")]
    [InlineData("dtd-external-entity.xml", "DTD")]
    [InlineData("html-page.html", "not")]
    [InlineData("json-error.json", "not a feed")]
    public void HostileOrForeignInputIsRefusedWithAReason(string fixture, string reason)
    {
        var error = Assert.Throws<FeedParseException>(() => ParseFixture(fixture));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void EmptyBodyIsRefused() =>
        Assert.Throws<FeedParseException>(() => parser.Parse([], "application/rss+xml", null, "test"));
}
