using System.Globalization;
using NkWatch.Core.Feeds;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Digests;

/// <summary>One outlet's report of a story. <see cref="Primary"/>: a UN body's own publication.</summary>
public sealed record StorySource(string FeedId, string Outlet, string? Link, DateTimeOffset Published, bool Primary)
{
    /// <summary>The feed's language in the catalogue.</summary>
    public string Language { get; init; } = "en";
}

/// <summary>
/// The other outlets of a story in one language: <see cref="Language"/> null for the lead's own
/// language ("Also reported by ..."), else its English name ("also reported in Korean by ...").
/// </summary>
public sealed record AlsoReported(string? Language, IReadOnlyList<StorySource> Sources);

/// <summary>A run of snippet text; <see cref="Matched"/> runs are the terms the classifier found.</summary>
public sealed record SnippetPart(string Text, bool Matched);

/// <summary>A story as the digest shows it: the headline once, with every outlet that carried it.</summary>
public sealed record DigestStory
{
    public required string StoryId { get; init; }
    public required string Title { get; init; }

    /// <summary>An absolute http or https link, or null (never anything else from a feed).</summary>
    public string? Link { get; init; }

    public IReadOnlyList<SnippetPart> Snippet { get; init; } = [];

    /// <summary>A short "why this matched": the topics and the terms found for each.</summary>
    public required string Why { get; init; }

    public double Score { get; init; }

    /// <summary>Score weighed by source, recency and breadth of coverage; the order within the digest.</summary>
    public double Rank { get; init; }

    public IReadOnlyList<string> Topics { get; init; } = [];
    public required StorySource Lead { get; init; }
    public IReadOnlyList<StorySource> AlsoReportedBy { get; init; } = [];

    /// <summary>The other outlets by language: the lead's language first, then the others in the order they come.</summary>
    public IReadOnlyList<AlsoReported> AlsoReportedByLanguage =>
        [.. AlsoReportedBy
            .GroupBy(s => s.Language, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => string.Equals(g.Key, Lead.Language, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .Select(g => new AlsoReported(string.Equals(g.Key, Lead.Language, StringComparison.OrdinalIgnoreCase) ? null : LanguageNames.English(g.Key), [.. g]))];
}

/// <summary>Stories under one topic heading.</summary>
public sealed record DigestSection(string TopicId, string TopicName, IReadOnlyList<DigestStory> Stories)
{
    /// <summary>The heading is a topic of the rule file, so it has its own feed (<see cref="DigestLinks.TopicFeed"/>).</summary>
    public bool HasTopicFeed { get; init; }
}

/// <summary>
/// The per-recipient links. Rendered content carries <see cref="PreferencesTag"/> and
/// <see cref="UnsubscribeTag"/>; each recipient's own links replace them when sent (SendGrid
/// substitutions) or written (the outbox), so identical digests can share one rendering and one request.
/// </summary>
public sealed record DigestLinks(string Preferences, string Unsubscribe, string Archive)
{
    public const string PreferencesTag = "%%NKW_PREFERENCES%%";
    public const string UnsubscribeTag = "%%NKW_UNSUBSCRIBE%%";

    public static DigestLinks Tagged(string archive) => new(PreferencesTag, UnsubscribeTag, archive);

    /// <summary>The Atom feed of one topic: the archive page's feed twin, filtered.</summary>
    public string TopicFeed(string topicId) => Archive + ".atom?topic=" + Uri.EscapeDataString(topicId);
}

/// <summary>A digest ready to render.</summary>
public sealed record Digest(
    string DigestId,
    Subscriber Subscriber,
    string Period,
    IReadOnlyList<DigestSection> Sections,
    int MoreStories,
    DigestLinks Links)
{
    public int StoryCount => Sections.Sum(s => s.Stories.Count);

    /// <summary>The stories in the order of their rank, whatever their section.</summary>
    public IEnumerable<DigestStory> RankedStories => Sections.SelectMany(s => s.Stories).OrderByDescending(s => s.Rank);

    public TimeZoneInfo Zone => DigestSchedule.ZoneOf(Subscriber);

    /// <summary>A time as the subscriber reads it: their own zone, day month year and 24-hour clock.</summary>
    public string LocalTime(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, Zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public string FrequencyName => Subscriber.Frequency.ToString().ToLowerInvariant();
}
