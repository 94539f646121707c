using NkWatch.Core.Digests;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Tests.Digests;

public sealed class DigestScheduleTests
{
    private static Subscriber Daily(string zone, int hour) => new() { Id = "s", Email = "a@example.org", Frequency = Frequency.Daily, TimeZone = zone, DeliveryHour = hour };

    [Fact]
    public void DailyDigestIsDueFromTheChosenLocalHour()
    {
        var seoul = Daily("Asia/Seoul", 7);

        Assert.Null(DigestSchedule.DuePeriod(seoul, new DateTimeOffset(2026, 11, 27, 21, 59, 0, TimeSpan.Zero)));
        Assert.Equal("daily-2026-11-28", DigestSchedule.DuePeriod(seoul, new DateTimeOffset(2026, 11, 27, 22, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void WeeklyDigestBelongsToTheIsoWeekOfTheChosenDay()
    {
        var weekly = Daily("Europe/Zurich", 8) with { Frequency = Frequency.Weekly, WeeklyDay = DayOfWeek.Monday };

        // Monday 30 Nov 2026, 07:00 UTC = 08:00 in Zurich (Geneva): due, ISO week 49.
        Assert.Equal("weekly-2026-W49", DigestSchedule.DuePeriod(weekly, new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero)));

        // Monday 06:59 UTC: not yet, so the period is still last week's.
        Assert.Equal("weekly-2026-W48", DigestSchedule.DuePeriod(weekly, new DateTimeOffset(2026, 11, 30, 6, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void InstantPeriodsFollowTheSchedulerSlot()
    {
        var instant = Daily("UTC", 0) with { Frequency = Frequency.Instant };

        Assert.Equal("instant-202611280605", DigestSchedule.DuePeriod(instant, new DateTimeOffset(2026, 11, 28, 6, 7, 30, TimeSpan.Zero)));
    }
}
