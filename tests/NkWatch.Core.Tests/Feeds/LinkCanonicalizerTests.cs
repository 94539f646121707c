using NkWatch.Core.Feeds;

namespace NkWatch.Core.Tests.Feeds;

public sealed class LinkCanonicalizerTests
{
    [Theory]
    [InlineData("HTTPS://News.Example.ORG:443/a/b?utm_source=rss&id=7#top", "https://news.example.org/a/b?id=7")]
    [InlineData("http://example.org:80/story?fbclid=abc&gclid=x&xtor=RSS-1", "http://example.org/story")]
    [InlineData("https://example.org:8443/x", "https://example.org:8443/x")]
    public void CanonicalFormDropsWhatDoesNotIdentifyTheStory(string link, string expected) =>
        Assert.Equal(expected, LinkCanonicalizer.Canonicalize(link));

    [Fact]
    public void RelativeLinksResolveAgainstTheFeed() =>
        Assert.Equal("https://example.org/news/1", LinkCanonicalizer.Canonicalize("/news/1", new Uri("https://example.org/feed.xml")));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("")]
    public void OnlyHttpAndHttpsLinksSurvive(string link) => Assert.Null(LinkCanonicalizer.Canonicalize(link));

    [Fact]
    public void TheSameStoryUnderTwoTrackedUrlsHasOneItemId()
    {
        var a = LinkCanonicalizer.Canonicalize("https://example.org/s/1?utm_medium=feed#comments");
        var b = LinkCanonicalizer.Canonicalize("https://EXAMPLE.org/s/1?fbclid=zzz");

        Assert.Equal(ItemIdentity.For(a, "guid-a", "feed-a"), ItemIdentity.For(b, "guid-b", "feed-b"));
    }
}
