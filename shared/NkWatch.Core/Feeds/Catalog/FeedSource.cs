namespace NkWatch.Core.Feeds;

/// <summary>One entry of the feed catalogue (config/feeds.json).</summary>
public sealed record FeedSource
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Url { get; init; }
    public string Language { get; init; } = "en";

    /// <summary>How the URL is read: <see cref="FeedTypes.Feed"/> (RSS, Atom, JSON Feed) or <see cref="FeedTypes.ReliefWebApi"/>.</summary>
    public string Type { get; init; } = FeedTypes.Feed;

    /// <summary>Who publishes it: "un", "ngo", "news", "government", "specialist".</summary>
    public string? Organisation { get; init; }

    /// <summary>Preferred minutes between polls; the poller adapts within bounds.</summary>
    public int? PollMinutes { get; init; }

    /// <summary>Ranking weight of the source (1 = ordinary; primary UN sources weigh more).</summary>
    public double Weight { get; init; } = 1.0;
}
