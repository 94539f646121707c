using NkWatch.Core.Classification;
using NkWatch.Core.Messaging;

namespace NkWatch.Core.Matches;

/// <summary>A match as stored: the item, the classifier's evidence, and when it became visible to digests.</summary>
public sealed record StoredMatch
{
    public required string ItemId { get; init; }
    public required string FeedId { get; init; }
    public required string Title { get; init; }
    public string? Link { get; init; }
    public DateTimeOffset? Published { get; init; }
    public string Summary { get; init; } = string.Empty;
    public double Score { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<Hit> Hits { get; init; } = [];
    public DateTimeOffset StoredAt { get; init; }

    /// <summary>The story this item belongs to; items that report the same story share it.</summary>
    public string StoryId { get; init; } = string.Empty;

    public static StoredMatch From(MatchMessage message, DateTimeOffset storedAt) => new()
    {
        ItemId = message.ItemId,
        FeedId = message.FeedId,
        Title = message.Title,
        Link = message.Link,
        Published = message.Published,
        Summary = message.Summary,
        Score = message.Score,
        Topics = message.Topics,
        Hits = message.Hits,
        StoredAt = storedAt,
        StoryId = message.ItemId,
    };
}
