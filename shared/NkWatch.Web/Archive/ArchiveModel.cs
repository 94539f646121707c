namespace NkWatch.Web.Archive;

/// <summary>A story as the archive shows it: the headline once, with the other outlets that carried it.</summary>
public sealed record ArchiveStory(
    string ItemId,
    string Title,
    string? Link,
    string FeedName,
    DateTimeOffset When,
    string Summary,
    IReadOnlyList<string> TopicIds,
    IReadOnlyList<string> AlsoReportedBy,
    DateTimeOffset StoredAt,
    string Why);

public sealed record ArchiveTopic(string Id, string Name, IReadOnlyList<ArchiveStory> Stories);

public sealed record ArchiveDay(DateOnly Day, IReadOnlyList<ArchiveTopic> Topics);

/// <summary>The latest matches by day (newest first) and by topic (in the rule file's order).</summary>
public sealed record ArchiveModel(IReadOnlyList<ArchiveDay> Days)
{
    public IEnumerable<ArchiveStory> Stories => Days.SelectMany(d => d.Topics).SelectMany(t => t.Stories);
}
