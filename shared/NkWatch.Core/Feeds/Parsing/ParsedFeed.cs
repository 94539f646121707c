namespace NkWatch.Core.Feeds;

/// <summary>A feed after parsing and normalisation: plain text, absolute links, UTC-aware dates.</summary>
public sealed record ParsedFeed(string Title, string? Link, string Format, IReadOnlyList<FeedEntry> Items)
{
    /// <summary>Set when the feed was not well-formed and only the part before the break was read.</summary>
    public string? Warning { get; init; }
}

/// <summary>
/// One normalised item. <see cref="ItemId"/> is stable for the same story URL across polls and
/// feeds; <see cref="Fingerprint"/> recognises the same post in the same feed when the feed
/// regenerates its guids. <see cref="Published"/> is null when the feed gave no readable date.
/// </summary>
public sealed record FeedEntry(
    string ItemId,
    string? Guid,
    string Title,
    string? Link,
    DateTimeOffset? Published,
    string Summary)
{
    public string Fingerprint { get; init; } = string.Empty;
}
