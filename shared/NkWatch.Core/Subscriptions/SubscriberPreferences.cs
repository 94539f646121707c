namespace NkWatch.Core.Subscriptions;

/// <summary>What a subscriber may choose for themselves: what they get, and when.</summary>
public sealed record SubscriberPreferences
{
    public const int MaxTopics = 64;

    public Frequency Frequency { get; init; } = Frequency.Daily;

    /// <summary>Topic ids; empty means every topic.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>Languages of the news wanted; empty means all.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>An IANA time zone id known to this host.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Local hour (0-23) for daily and weekly digests.</summary>
    public int DeliveryHour { get; init; } = 7;

    public DayOfWeek WeeklyDay { get; init; } = DayOfWeek.Monday;

    public static SubscriberPreferences Of(Subscriber subscriber) => new()
    {
        Frequency = subscriber.Frequency,
        Topics = subscriber.Topics,
        Languages = subscriber.Languages,
        TimeZone = subscriber.TimeZone,
        DeliveryHour = subscriber.DeliveryHour,
        WeeklyDay = subscriber.WeeklyDay,
    };

    public Subscriber ApplyTo(Subscriber subscriber) => subscriber with
    {
        Frequency = Frequency,
        Topics = Topics,
        Languages = Languages,
        TimeZone = TimeZone,
        DeliveryHour = DeliveryHour,
        WeeklyDay = WeeklyDay,
    };
}
