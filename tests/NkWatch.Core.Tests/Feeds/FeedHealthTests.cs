using NkWatch.Core.Feeds;

namespace NkWatch.Core.Tests.Feeds;

public sealed class FeedHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly FeedSource Feed = new() { Id = "un-news", Name = "UN News", Url = "https://un.example.org/rss" };

    private static FeedState Polled(double itemsPerDay, DateTimeOffset? newest) => new()
    {
        FeedId = Feed.Id,
        LastPolledAt = Now.AddMinutes(-10),
        LastSuccessAt = Now.AddMinutes(-10),
        ItemsPerDay = itemsPerDay,
        NewestItemAt = newest,
    };

    [Fact]
    public void AFeedNeverPolledIsNew() => Assert.Equal(FeedCondition.New, FeedHealth.Assess(Feed, null, Now).Condition);

    [Fact]
    public void ABusyFeedSilentForThreeDaysIsStale()
    {
        var health = FeedHealth.Assess(Feed, Polled(itemsPerDay: 20, Now.AddDays(-3)), Now);

        Assert.Equal(FeedCondition.Stale, health.Condition);
        Assert.Contains("nothing new for 3 days", health.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AWeeklyFeedSilentForThreeDaysIsFine() =>
        Assert.Equal(FeedCondition.Ok, FeedHealth.Assess(Feed, Polled(itemsPerDay: 1 / 7.0, Now.AddDays(-3)), Now).Condition);

    [Fact]
    public void AWeeklyFeedSilentForTwoMonthsIsStale() =>
        Assert.Equal(FeedCondition.Stale, FeedHealth.Assess(Feed, Polled(itemsPerDay: 1 / 7.0, Now.AddDays(-60)), Now).Condition);

    [Fact]
    public void AFailingFeedSaysHowManyTimesAndWhy()
    {
        var state = Polled(5, Now) with { ConsecutiveFailures = 3, LastError = "HTTP 503 Service Unavailable" };

        var health = FeedHealth.Assess(Feed, state, Now);

        Assert.Equal(FeedCondition.Failing, health.Condition);
        Assert.Equal("3 failed poll(s) in a row: HTTP 503 Service Unavailable", health.Reason);
    }

    [Fact]
    public void StalenessHasAFloorSoBusyFeedsAreNotFlaggedOverAQuietNight() =>
        Assert.Equal(FeedHealth.MinStaleAfter, FeedHealth.StaleAfter(itemsPerDay: 200));
}
