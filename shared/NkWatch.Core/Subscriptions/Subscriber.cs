namespace NkWatch.Core.Subscriptions;

public enum Frequency
{
    Instant,
    Daily,
    Weekly,
}

public static class Frequencies
{
    /// <summary>The frequency's name on queue messages, in email categories and on pages: "instant", "daily", "weekly".</summary>
    public static string Name(this Frequency frequency) => EnumNames.Of(frequency);
}

public enum SubscriberStatus
{
    Pending,
    Confirmed,
    Unsubscribed,
    Suppressed,
}

public static class SubscriberStatuses
{
    /// <summary>The status's shown name: "pending", "confirmed", "unsubscribed", "suppressed".</summary>
    public static string Name(this SubscriberStatus status) => EnumNames.Of(status);
}

public static class WeekDays
{
    /// <summary>The weekly digest's day as forms and exports write it: "monday" to "sunday".</summary>
    public static string Name(this DayOfWeek day) => EnumNames.Of(day);
}

/// <summary>One subscriber and their preferences. Only what delivery needs is kept.</summary>
public sealed record Subscriber
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public SubscriberStatus Status { get; init; } = SubscriberStatus.Pending;
    public Frequency Frequency { get; init; } = Frequency.Daily;

    /// <summary>Topic ids; empty means every topic.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>Item languages wanted; empty means all.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>IANA time zone for daily and weekly delivery.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Local hour (0-23) at which daily and weekly digests go out.</summary>
    public int DeliveryHour { get; init; } = 7;

    public DayOfWeek WeeklyDay { get; init; } = DayOfWeek.Monday;

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }

    /// <summary>Matches stored up to this instant have been delivered (or judged not wanted).</summary>
    public DateTimeOffset Watermark { get; init; }

    /// <summary>When the status last changed (unsubscribed, suppressed); null while it never did after signing up.</summary>
    public DateTimeOffset? StatusChangedAt { get; init; }

    /// <summary>Why the status last changed, in a word: "one-click", "bounce", "spamreport"... Never the address.</summary>
    public string? StatusReason { get; init; }

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Which signup a pending subscriber is in: when it began (the status change to pending, or the
    /// record's creation). Confirm links carry it, so a link made for an earlier signup, before an
    /// unsubscribe, confirms nothing later.
    /// </summary>
    public long SignupStamp() => (StatusChangedAt ?? CreatedAt).UtcTicks;

    /// <summary>How far back a subscriber's first digest reaches: the last day, rather than nothing.</summary>
    public static readonly TimeSpan FirstDigestLookBack = TimeSpan.FromDays(1);

    /// <summary>
    /// This subscriber confirmed now (by link, or vouched for by the operator): the confirmation time
    /// and the watermark start afresh, so a returning subscriber does not get everything since they left.
    /// </summary>
    public Subscriber ConfirmedNow(DateTimeOffset now, string reason) => this with
    {
        Status = SubscriberStatus.Confirmed,
        ConfirmedAt = now,
        StatusChangedAt = now,
        StatusReason = reason,
        Watermark = now - FirstDigestLookBack,
    };
}
