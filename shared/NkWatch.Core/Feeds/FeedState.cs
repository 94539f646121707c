namespace NkWatch.Core.Feeds;

/// <summary>What NkWatch remembers about one feed between polls: validators for conditional GET and health.</summary>
public sealed record FeedState
{
    public required string FeedId { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public DateTimeOffset? LastPolledAt { get; init; }
    public DateTimeOffset? LastSuccessAt { get; init; }
    public string? LastError { get; init; }
    public int ConsecutiveFailures { get; init; }
    public DateTimeOffset? NextPollAt { get; init; }
    public int ItemsSeen { get; init; }

    public static FeedState New(string feedId) => new() { FeedId = feedId };
}
