using System.Globalization;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Digests;

/// <summary>
/// Digest periods. Daily and weekly digests are reckoned in the subscriber's own IANA time zone:
/// one period per local date, due from the chosen hour; one per ISO week, due from the chosen
/// weekday and hour. Where a DST change skips the chosen hour the digest goes at the next hour that
/// exists; where it repeats an hour the period (the local date) is still one. An instant digest's
/// period is named after the newest match it answers, so new matches make a new period at once
/// (within the poll cycle that found them) and a repeated schedule run without them does not.
/// </summary>
public static class DigestSchedule
{
    /// <summary>The daily or weekly period due at <paramref name="now"/>, or null (before the delivery hour, or an instant subscriber).</summary>
    public static string? DuePeriod(Subscriber subscriber, DateTimeOffset now)
    {
        if (subscriber.Frequency == Frequency.Instant)
        {
            return null;
        }

        var hour = Math.Clamp(subscriber.DeliveryHour, 0, 23);
        var local = TimeZoneInfo.ConvertTime(now, ZoneOf(subscriber));
        if (subscriber.Frequency == Frequency.Daily)
        {
            return local.Hour >= hour
                ? DigestPeriod.Daily(DateOnly.FromDateTime(local.DateTime)).Name
                : null;
        }

        var daysSinceChosen = ((int)local.DayOfWeek - (int)subscriber.WeeklyDay + 7) % 7;
        var chosenDay = local.Date.AddDays(-daysSinceChosen);
        if (daysSinceChosen == 0 && local.Hour < hour)
        {
            chosenDay = chosenDay.AddDays(-7);
        }

        var week = ISOWeek.GetWeekOfYear(chosenDay);
        var year = ISOWeek.GetYear(chosenDay);
        return DigestPeriod.Weekly(year, week).Name;
    }

    /// <summary>
    /// When the daily or weekly period due at <paramref name="now"/> began (the chosen local hour of
    /// its day; the next hour that exists if DST skipped it), or null if none is due. A period that
    /// began before the subscriber confirmed is not theirs: their first digest waits for their hour.
    /// </summary>
    public static DateTimeOffset? DueSince(Subscriber subscriber, DateTimeOffset now)
    {
        var period = DuePeriod(subscriber, now);
        if (period is null)
        {
            return null;
        }

        var zone = ZoneOf(subscriber);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = local.Date;
        if (subscriber.Frequency == Frequency.Weekly)
        {
            day = day.AddDays(-(((int)local.DayOfWeek - (int)subscriber.WeeklyDay + 7) % 7));
            if (day == local.Date && local.Hour < Math.Clamp(subscriber.DeliveryHour, 0, 23))
            {
                day = day.AddDays(-7);
            }
        }

        var start = day.AddHours(Math.Clamp(subscriber.DeliveryHour, 0, 23));
        while (zone.IsInvalidTime(start))
        {
            start = start.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(start, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
    }

    /// <summary>The instant period that answers matches stored up to <paramref name="newest"/>.</summary>
    public static string InstantPeriod(DateTimeOffset newest) => DigestPeriod.Instant(newest).Name;

    /// <summary>The subscriber's zone; an unknown or hostile name falls back to UTC rather than failing.</summary>
    public static TimeZoneInfo ZoneOf(Subscriber subscriber) =>
        subscriber.TimeZone is { Length: > 0 and <= 64 } name && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : TimeZoneInfo.Utc;
}
