using System.Text;
using NkWatch.Core.Classification;
using NkWatch.Core.Messaging;

namespace NkWatch.Core.Tests.Messaging;

public sealed class MessageCodecTests
{
    [Fact]
    public void FeedPollMessageHasTheContractShape()
    {
        var json = MessageCodec.Encode(new FeedPollMessage("un-news", new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero)));

        Assert.Equal("""{"feedId":"un-news","dueAt":"2026-11-28T06:00:00+00:00","v":1}""", json);
    }

    [Fact]
    public void MatchMessageRoundTrips()
    {
        var match = new MatchMessage
        {
            ItemId = "abc",
            FeedId = "f",
            Title = "Title",
            Link = "https://example.org/",
            Summary = "북한 인권",
            Score = 3.5,
            Topics = ["refugees"],
            Hits = [new Hit("북한", "subject", "summary", 0, 2)],
        };

        var decoded = MessageCodec.Decode<MatchMessage>(MessageCodec.Encode(match));

        Assert.Equal(match.ItemId, decoded.ItemId);
        Assert.Equal(match.Summary, decoded.Summary);
        Assert.Equal(match.Hits, decoded.Hits);
        Assert.Equal(match.Topics, decoded.Topics);
    }

    [Fact]
    public void OversizedMatchIsCutBelowTheQueueLimitKeepingItsIds()
    {
        var match = new MatchMessage
        {
            ItemId = "id-kept",
            FeedId = "feed-kept",
            Title = new string('t', 5000),
            Summary = new string('s', 200_000),
            Hits = [.. Enumerable.Range(0, 2000).Select(i => new Hit("term", "topic", "summary", i, 4))],
        };

        var json = MessageCodec.Encode(match);
        var decoded = MessageCodec.Decode<MatchMessage>(json);

        Assert.True(Encoding.UTF8.GetByteCount(json) <= MessageCodec.MaxPayloadBytes);
        Assert.Equal("id-kept", decoded.ItemId);
        Assert.Equal("feed-kept", decoded.FeedId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"v":2,"feedId":"x","dueAt":"2026-11-28T06:00:00Z"}""")]
    [InlineData("""{"v":1,"dueAt":"2026-11-28T06:00:00Z"}""")]
    [InlineData("null")]
    public void ForeignMessagesAreRefused(string json) =>
        Assert.Throws<InvalidMessageException>(() => MessageCodec.Decode<FeedPollMessage>(json));
}
