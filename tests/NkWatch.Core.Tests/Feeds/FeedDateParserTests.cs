using System.Globalization;
using NkWatch.Core.Feeds;

namespace NkWatch.Core.Tests.Feeds;

public sealed class FeedDateParserTests
{
    [Theory]
    [InlineData("Wed, 19 Nov 2026 09:00:00 KST", "2026-11-19T00:00:00Z")]
    [InlineData("Wed, 19 Nov 2026 09:00:00 +0900", "2026-11-19T00:00:00Z")]
    [InlineData("Wed, 19 Nov 2026 09:00:00 +09:00", "2026-11-19T00:00:00Z")]
    [InlineData("19 Nov 2026 04:00:00 EST", "2026-11-19T09:00:00Z")]
    [InlineData("Tue, 15 Sep 2026 14:00:00 CEST", "2026-09-15T12:00:00Z")]
    [InlineData("Thu, 19 Nov 26 09:00 GMT", "2026-11-19T09:00:00Z")]
    [InlineData("Thursday, 19-November-2026 09:00:00 UT", "2026-11-19T09:00:00Z")]
    [InlineData("Wed, 19 Nov 2026 09:00:00 GMT+0900", "2026-11-19T00:00:00Z")]
    [InlineData("Wed, 19 Nov 2026 09:00:00 XYZ", "2026-11-19T09:00:00Z")]
    [InlineData("19 Nov 2026", "2026-11-19T00:00:00Z")]
    [InlineData("2026-11-19T09:00:00+09:00", "2026-11-19T00:00:00Z")]
    [InlineData("2026-11-19T09:00:00.1234567Z", "2026-11-19T09:00:00.1234567Z")]
    [InlineData("2026-11-19T09:00:00", "2026-11-19T09:00:00Z")]
    [InlineData("2026-11-19 09:00:00 KST", "2026-11-19T00:00:00Z")]
    [InlineData("2026-11-19", "2026-11-19T00:00:00Z")]
    [InlineData("2026-11", "2026-11-01T00:00:00Z")]
    [InlineData("20261119", "2026-11-19T00:00:00Z")]
    [InlineData("Sun Jan  4 16:29:06 PST 2004", "2004-01-05T00:29:06Z")]
    [InlineData("November 19, 2026 9:00 PM EST", "2026-11-20T02:00:00Z")]
    [InlineData("Nov 19 2026", "2026-11-19T00:00:00Z")]
    [InlineData("  Wed, 19 Nov 2026 09:00:00 GMT  ", "2026-11-19T09:00:00Z")]
    public void DatesAreReadWithTheirZoneAndWithoutOneAsUtc(string text, string expectedUtc)
    {
        var parsed = FeedDateParser.Parse(text);

        Assert.NotNull(parsed);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), parsed.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("32 Foo 2026")]
    [InlineData("31 Feb 2026 10:00:00 GMT")]
    [InlineData("2026-13-01")]
    [InlineData("Wed, 19 Nov 2026 25:61:00 GMT")]
    public void UnreadableDatesAreNull(string text) => Assert.Null(FeedDateParser.Parse(text));

    [Fact]
    public void ParsingDoesNotDependOnTheCurrentCulture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ko-KR");
            var korean = FeedDateParser.Parse("Wed, 10 Jun 2026 09:00:00 GMT");
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var german = FeedDateParser.Parse("Wed, 10 Jun 2026 09:00:00 GMT");

            Assert.Equal(new DateTimeOffset(2026, 6, 10, 9, 0, 0, TimeSpan.Zero), korean);
            Assert.Equal(korean, german);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }
}
