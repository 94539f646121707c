using NkWatch.Core.Digests;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Tests.Digests;

public sealed class DigestScheduleTests
{
    private static Subscriber Daily(string zone, int hour) => new() { Id = "s", Email = "a@example.org", Frequency = Frequency.Daily, TimeZone = zone, DeliveryHour = hour };

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void DailyDigestIsDueFromTheChosenLocalHour()
    {
        var seoul = Daily("Asia/Seoul", 7);

        Assert.Null(DigestSchedule.DuePeriod(seoul, Utc(11, 27, 21, 59)));
        Assert.Equal("daily-2026-11-28", DigestSchedule.DuePeriod(seoul, Utc(11, 27, 22)));
    }

    [Fact]
    public void MidnightDeliveryBelongsToTheNewLocalDateWhileUtcIsStillOnTheOldOne()
    {
        var seoul = Daily("Asia/Seoul", 0);

        // 14:59 UTC is 23:59 in Seoul on the 27th; a minute later it is midnight of the 28th there.
        Assert.Equal("daily-2026-11-27", DigestSchedule.DuePeriod(seoul, Utc(11, 27, 14, 59)));
        Assert.Equal("daily-2026-11-28", DigestSchedule.DuePeriod(seoul, Utc(11, 27, 15)));
    }

    [Fact]
    public void ZonesWestOfUtcAreStillOnTheDayBefore()
    {
        var honolulu = Daily("Pacific/Honolulu", 23);

        // 08:30 UTC on the 28th is 22:30 on the 27th in Honolulu: not yet 23:00 there.
        Assert.Null(DigestSchedule.DuePeriod(honolulu, Utc(11, 28, 8, 30)));
        Assert.Equal("daily-2026-11-27", DigestSchedule.DuePeriod(honolulu, Utc(11, 28, 9, 0)));
    }

    [Fact]
    public void AnHourSkippedBySpringForwardDeliversAtTheNextHourThatExists()
    {
        // New York, 8 March 2026: 02:00 local does not exist; clocks go from 01:59 EST to 03:00 EDT.
        var newYork = Daily("America/New_York", 2);

        Assert.Null(DigestSchedule.DuePeriod(newYork, Utc(3, 8, 6, 59)));
        Assert.Equal("daily-2026-03-08", DigestSchedule.DuePeriod(newYork, Utc(3, 8, 7, 0)));
    }

    [Fact]
    public void AnHourRepeatedByFallBackIsStillOnePeriod()
    {
        // New York, 1 November 2026: 01:00-01:59 happens twice (05:00 UTC in EDT, 06:00 UTC in EST).
        var newYork = Daily("America/New_York", 1);

        var first = DigestSchedule.DuePeriod(newYork, Utc(11, 1, 5, 30));
        var second = DigestSchedule.DuePeriod(newYork, Utc(11, 1, 6, 30));

        Assert.Equal("daily-2026-11-01", first);
        Assert.Equal(first, second);
        Assert.Null(DigestSchedule.DuePeriod(newYork, Utc(11, 1, 4, 59)));
    }

    [Fact]
    public void EuropeanSummerTimeMovesTheUtcDeliveryHourByOne()
    {
        var zurich = Daily("Europe/Zurich", 8);

        // 28 March 2026 (CET, UTC+1): due at 07:00 UTC. 30 March 2026 (CEST, UTC+2): due at 06:00 UTC.
        Assert.Null(DigestSchedule.DuePeriod(zurich, Utc(3, 28, 6, 59)));
        Assert.Equal("daily-2026-03-28", DigestSchedule.DuePeriod(zurich, Utc(3, 28, 7)));
        Assert.Equal("daily-2026-03-30", DigestSchedule.DuePeriod(zurich, Utc(3, 30, 6)));
    }

    [Fact]
    public void WeeklyDigestBelongsToTheIsoWeekOfTheChosenDay()
    {
        var weekly = Daily("Europe/Zurich", 8) with { Frequency = Frequency.Weekly, WeeklyDay = DayOfWeek.Monday };

        // Monday 30 Nov 2026, 07:00 UTC = 08:00 in Zurich (Geneva): due, ISO week 49.
        Assert.Equal("weekly-2026-W49", DigestSchedule.DuePeriod(weekly, Utc(11, 30, 7)));

        // Monday 06:59 UTC: not yet, so the period is still last week's.
        Assert.Equal("weekly-2026-W48", DigestSchedule.DuePeriod(weekly, Utc(11, 30, 6, 59)));
    }

    [Fact]
    public void WeeklyDigestOnTheChosenDayIsReckonedInTheSubscribersZone()
    {
        // Sunday 23:30 UTC is already Monday 08:30 in Seoul.
        var weekly = Daily("Asia/Seoul", 8) with { Frequency = Frequency.Weekly, WeeklyDay = DayOfWeek.Monday };

        Assert.Equal("weekly-2026-W49", DigestSchedule.DuePeriod(weekly, Utc(11, 29, 23, 30)));
    }

    [Fact]
    public void AnUnknownOrHostileZoneFallsBackToUtc()
    {
        foreach (var zone in new[] { "Mars/Olympus", "../../etc/passwd", string.Empty, new string('x', 500) })
        {
            Assert.Equal(TimeZoneInfo.Utc, DigestSchedule.ZoneOf(Daily(zone, 7)));
        }
    }

    [Fact]
    public void InstantPeriodsAreNamedAfterTheNewestMatchTheyAnswer()
    {
        var instant = Daily("UTC", 0) with { Frequency = Frequency.Instant };

        Assert.Null(DigestSchedule.DuePeriod(instant, Utc(11, 28, 6)));
        Assert.Equal("instant-202611280607300000000", DigestSchedule.InstantPeriod(new DateTimeOffset(2026, 11, 28, 6, 7, 30, TimeSpan.Zero)));
        Assert.NotEqual(DigestSchedule.InstantPeriod(Utc(11, 28, 6)), DigestSchedule.InstantPeriod(Utc(11, 28, 6).AddTicks(1)));
    }

    [Fact]
    public void APeriodBeginsAtTheChosenLocalHourOrTheNextHourThatExists()
    {
        var newYork = Daily("America/New_York", 2);

        Assert.Equal(Utc(3, 7, 7), DigestSchedule.DueSince(newYork, Utc(3, 7, 23)));
        Assert.Equal(Utc(3, 8, 7), DigestSchedule.DueSince(newYork, Utc(3, 8, 12)));
        Assert.Equal(Utc(3, 9, 6), DigestSchedule.DueSince(newYork, Utc(3, 9, 6, 30)));
        Assert.Null(DigestSchedule.DueSince(newYork, Utc(3, 9, 5, 59)));
    }
}
