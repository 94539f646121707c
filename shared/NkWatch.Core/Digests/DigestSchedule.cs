using System.Globalization;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Digests;

/// <summary>
/// Which digest period a subscriber is in at a given instant, in their own time zone: instant
/// digests have one period per scheduler tick; daily ones one per local date, due from the chosen
/// hour; weekly ones one per ISO week, due from the chosen weekday and hour.
/// </summary>
public static class DigestSchedule
{
    public static readonly TimeSpan InstantSlot = TimeSpan.FromMinutes(5);

    /// <summary>The period key if a digest is due now, else null (before the delivery hour).</summary>
    public static string? DuePeriod(Subscriber subscriber, DateTimeOffset now)
    {
        if (subscriber.Frequency == Frequency.Instant)
        {
            var slot = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % InstantSlot.Ticks), TimeSpan.Zero);
            return "instant-" + slot.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        }

        var local = TimeZoneInfo.ConvertTime(now, ZoneOf(subscriber));
        if (subscriber.Frequency == Frequency.Daily)
        {
            return local.Hour >= subscriber.DeliveryHour
                ? "daily-" + local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null;
        }

        var daysSinceChosen = ((int)local.DayOfWeek - (int)subscriber.WeeklyDay + 7) % 7;
        var chosenDay = local.Date.AddDays(-daysSinceChosen);
        if (daysSinceChosen == 0 && local.Hour < subscriber.DeliveryHour)
        {
            chosenDay = chosenDay.AddDays(-7);
        }

        var week = ISOWeek.GetWeekOfYear(chosenDay);
        var year = ISOWeek.GetYear(chosenDay);
        return string.Create(CultureInfo.InvariantCulture, $"weekly-{year}-W{week:00}");
    }

    public static TimeZoneInfo ZoneOf(Subscriber subscriber) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(subscriber.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
