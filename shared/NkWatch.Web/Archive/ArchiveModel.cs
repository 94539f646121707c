namespace NkWatch.Web.Archive;

/// <summary>One outlet's report of a story: the catalogue's name for the feed, its language, its link (http or https only).</summary>
public sealed record ArchiveSource(string Outlet, string Language, string? Link)
{
    /// <summary>The outlet's name, with its language when it is not the lead's: "NHK (Japanese)".</summary>
    public string Label(string leadLanguage) =>
        string.Equals(Language, leadLanguage, StringComparison.OrdinalIgnoreCase) ? Outlet : $"{Outlet} ({NkWatch.Core.Feeds.LanguageNames.English(Language)})";
}

/// <summary>A story as the archive shows it: the headline once, with the other outlets (and languages) that carried it.</summary>
public sealed record ArchiveStory(
    string ItemId,
    string Title,
    string? Link,
    string FeedName,
    DateTimeOffset When,
    string Summary,
    IReadOnlyList<string> TopicIds,
    IReadOnlyList<ArchiveSource> AlsoReportedBy,
    DateTimeOffset StoredAt,
    string Why)
{
    public string Language { get; init; } = "en";
}

public sealed record ArchiveTopic(string Id, string Name, IReadOnlyList<ArchiveStory> Stories);

public sealed record ArchiveDay(DateOnly Day, IReadOnlyList<ArchiveTopic> Topics);

/// <summary>
/// A page of the archive: the latest matches by day (newest first) and by topic (in the rule
/// file's order), or, for a search, the results best first in <see cref="Ranked"/>.
/// </summary>
public sealed record ArchiveModel(IReadOnlyList<ArchiveDay> Days)
{
    public ArchiveRequest Request { get; init; } = ArchiveRequest.Everything;

    /// <summary>What the page shows, in words: "Accountability · Japanese", "Search: 拉致".</summary>
    public string Heading { get; init; } = "Latest matches";

    public IReadOnlyList<ArchiveStory> Ranked { get; init; } = [];

    /// <summary>The next page's link when this page was full (a search shows its best results only).</summary>
    public string? OlderLink { get; init; }

    public string FeedLink => "/api/matches.atom" + Request.QueryString(withSearch: false);

    public IEnumerable<ArchiveStory> Stories => Request.Query is null ? Days.SelectMany(d => d.Topics).SelectMany(t => t.Stories) : Ranked;
}
