namespace NkWatch.Core.Feeds;

/// <summary>
/// What NkWatch remembers about one feed between polls: the validators for a conditional GET,
/// when to poll next, and the figures its health is judged by.
/// </summary>
public sealed record FeedState
{
    public required string FeedId { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public DateTimeOffset? LastPolledAt { get; init; }
    public DateTimeOffset? LastSuccessAt { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? LastErrorAt { get; init; }
    public int ConsecutiveFailures { get; init; }
    public DateTimeOffset? NextPollAt { get; init; }

    /// <summary>New items found over the feed's life (not counting those other feeds brought first).</summary>
    public int ItemsSeen { get; init; }

    /// <summary>The feed's own publishing rate, estimated from its item dates (or, without dates, from new items per poll).</summary>
    public double ItemsPerDay { get; init; }

    /// <summary>The newest item date the feed has carried; staleness is judged from it.</summary>
    public DateTimeOffset? NewestItemAt { get; init; }

    /// <summary>Where every redirect pointed permanently on the last fetch: the catalogue's URL is out of date.</summary>
    public string? MovedTo { get; init; }

    public static FeedState New(string feedId) => new() { FeedId = feedId };
}
