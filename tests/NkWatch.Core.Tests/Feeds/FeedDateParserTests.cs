using NkWatch.Core.Feeds;

namespace NkWatch.Core.Tests.Feeds;

public sealed class FeedDateParserTests
{
    [Theory]
    [InlineData("Wed, 19 Nov 2026 09:00:00 KST", "2026-11-19T00:00:00Z")]
    [InlineData("Wed, 19 Nov 2026 09:00:00 +0900", "2026-11-19T00:00:00Z")]
    [InlineData("19 Nov 2026 04:00:00 EST", "2026-11-19T09:00:00Z")]
    [InlineData("2026-11-19T09:00:00+09:00", "2026-11-19T00:00:00Z")]
    [InlineData("2026-11-19T09:00:00", "2026-11-19T09:00:00Z")]
    [InlineData("Wed, 19 Nov 2026 09:00:00 GMT", "2026-11-19T09:00:00Z")]
    public void DatesAreReadWithTheirZoneAndWithoutOneAsUtc(string text, string expectedUtc)
    {
        var parsed = FeedDateParser.Parse(text);

        Assert.NotNull(parsed);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), parsed.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("32 Foo 2026")]
    public void UnreadableDatesAreNull(string text) => Assert.Null(FeedDateParser.Parse(text));
}
