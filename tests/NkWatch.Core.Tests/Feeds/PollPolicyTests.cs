using NkWatch.Core.Feeds;

namespace NkWatch.Core.Tests.Feeds;

public sealed class PollPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly FeedSource Feed = new() { Id = "f", Name = "F", Url = "https://f.example.org/" };

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 360)]
    [InlineData(24, 30)]
    [InlineData(48, 15)]
    [InlineData(1000, 5)]
    public void IntervalFollowsThePublishingRateWithinBounds(double itemsPerDay, double expectedMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), PollPolicy.IntervalFor(Feed, itemsPerDay));

    [Fact]
    public void CataloguePollMinutesCapsTheInterval() =>
        Assert.Equal(TimeSpan.FromMinutes(20), PollPolicy.IntervalFor(Feed with { PollMinutes = 20 }, itemsPerDay: 1));

    [Fact]
    public void CataloguePollMinutesCannotGoBelowTheFloor() =>
        Assert.Equal(PollPolicy.MinInterval, PollPolicy.IntervalFor(Feed with { PollMinutes = 1 }, itemsPerDay: 1));

    [Fact]
    public void MaxAgeLongerThanTheIntervalIsHonouredUpToTheCeiling()
    {
        var policy = new PollPolicy(new Random(1));

        var honoured = policy.NextAfterSuccess(Feed, itemsPerDay: 48, TimeSpan.FromHours(2), Now) - Now;
        var capped = policy.NextAfterSuccess(Feed, itemsPerDay: 48, TimeSpan.FromDays(3), Now) - Now;

        Assert.InRange(honoured, TimeSpan.FromHours(1.8), TimeSpan.FromHours(2.2));
        Assert.InRange(capped, PollPolicy.MaxInterval * 0.9, PollPolicy.MaxInterval * 1.1);
    }

    [Fact]
    public void BackoffGrowsWithFailuresButNeverBeyondTheCeiling()
    {
        var policy = new PollPolicy(new Random(7));
        var waits = Enumerable.Range(1, 12).Select(n => policy.NextAfterFailure(n, null, Now) - Now).ToList();

        for (var n = 1; n <= 12; n++)
        {
            var ceiling = TimeSpan.FromMinutes(Math.Min(5 * Math.Pow(2, n - 1), 360));
            Assert.InRange(waits[n - 1], ceiling / 2, ceiling);
        }

        Assert.All(waits.Skip(8), w => Assert.True(w <= PollPolicy.MaxInterval));
    }

    [Fact]
    public void BackoffIsJitteredSoFeedsFailingTogetherDoNotRetryTogether()
    {
        var policy = new PollPolicy(new Random(3));

        var waits = Enumerable.Range(0, 20).Select(_ => policy.NextAfterFailure(4, null, Now)).Distinct().Count();

        Assert.True(waits > 10);
    }

    [Fact]
    public void RetryAfterLongerThanTheBackoffWinsUpToADay()
    {
        var policy = new PollPolicy(new Random(5));

        Assert.Equal(Now + TimeSpan.FromHours(3), policy.NextAfterFailure(1, TimeSpan.FromHours(3), Now));
        Assert.Equal(Now + PollPolicy.MaxRetryAfter, policy.NextAfterFailure(1, TimeSpan.FromDays(30), Now));
    }
}
