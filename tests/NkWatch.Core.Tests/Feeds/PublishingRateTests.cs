using NkWatch.Core.Feeds;

namespace NkWatch.Core.Tests.Feeds;

public sealed class PublishingRateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RateIsTheRecentItemsOverTheTimeSinceTheOldest()
    {
        var dates = Enumerable.Range(0, 10).Select(i => (DateTimeOffset?)Now.AddHours(-12 * i));

        Assert.Equal(10 / 4.5, PublishingRate.FromDates(dates, Now, previous: 0), 3);
    }

    [Fact]
    public void AFeedWhoseNewestPostIsWeeksOldReadsAsSlow()
    {
        var dates = new DateTimeOffset?[] { Now.AddDays(-20), Now.AddDays(-25) };

        Assert.Equal(2 / 25.0, PublishingRate.FromDates(dates, Now, previous: 3), 3);
    }

    [Fact]
    public void OnlyOldDatesMeanNoRecentPublishing() =>
        Assert.Equal(0, PublishingRate.FromDates([Now.AddDays(-90)], Now, previous: 5));

    [Fact]
    public void AFeedWithoutDatesKeepsThePreviousEstimate() =>
        Assert.Equal(5, PublishingRate.FromDates([null, null], Now, previous: 5));

    [Fact]
    public void ObservationsAreSmoothedIntoTheEstimate()
    {
        var first = PublishingRate.FromObservation(newItems: 4, TimeSpan.FromDays(1), previous: 0);
        var second = PublishingRate.FromObservation(newItems: 0, TimeSpan.FromDays(1), previous: first);

        Assert.Equal(4, first);
        Assert.Equal(4 * 0.7, second, 3);
    }
}
