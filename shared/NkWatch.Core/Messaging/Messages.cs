using System.Text.Json.Serialization;
using NkWatch.Core.Classification;

namespace NkWatch.Core.Messaging;

/// <summary>Poll one feed (queue <c>feed-poll</c>).</summary>
public sealed record FeedPollMessage(
    [property: JsonPropertyName("feedId")] string FeedId,
    [property: JsonPropertyName("dueAt")] DateTimeOffset DueAt) : IQueueMessage
{
    [JsonPropertyName("v")]
    public int V { get; init; } = 1;

    public static string Queue => QueueNames.FeedPoll;
}

/// <summary>A classified item about North Korean human rights (queue <c>matches</c>).</summary>
public sealed record MatchMessage : IQueueMessage
{
    [JsonPropertyName("v")]
    public int V { get; init; } = 1;

    [JsonPropertyName("itemId")]
    public required string ItemId { get; init; }

    [JsonPropertyName("feedId")]
    public required string FeedId { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("link")]
    public string? Link { get; init; }

    [JsonPropertyName("published")]
    public DateTimeOffset? Published { get; init; }

    [JsonPropertyName("summary")]
    public string Summary { get; init; } = string.Empty;

    [JsonPropertyName("score")]
    public double Score { get; init; }

    [JsonPropertyName("topics")]
    public IReadOnlyList<string> Topics { get; init; } = [];

    [JsonPropertyName("hits")]
    public IReadOnlyList<Hit> Hits { get; init; } = [];

    public static string Queue => QueueNames.Matches;
}

/// <summary>Send one subscriber the digest of one period (queue <c>digests</c>).</summary>
public sealed record DigestMessage(
    [property: JsonPropertyName("subscriberId")] string SubscriberId,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("frequency")] string Frequency) : IQueueMessage
{
    [JsonPropertyName("v")]
    public int V { get; init; } = 1;

    public static string Queue => QueueNames.Digests;
}

public interface IQueueMessage
{
    int V { get; }

    static abstract string Queue { get; }
}
