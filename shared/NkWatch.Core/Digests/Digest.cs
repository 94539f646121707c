using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Digests;

/// <summary>One outlet's report of a story.</summary>
public sealed record StorySource(string FeedId, string FeedName, string? Link, DateTimeOffset? Published);

/// <summary>A story as the digest shows it: the headline once, with every outlet that carried it.</summary>
public sealed record DigestStory(
    string StoryId,
    string Title,
    string? Link,
    string Summary,
    double Score,
    IReadOnlyList<string> Topics,
    StorySource Primary,
    IReadOnlyList<StorySource> AlsoReportedBy);

/// <summary>Stories under one topic heading.</summary>
public sealed record DigestSection(string TopicId, string TopicName, IReadOnlyList<DigestStory> Stories);

/// <summary>A digest ready to render.</summary>
public sealed record Digest(
    string DigestId,
    Subscriber Subscriber,
    string Period,
    IReadOnlyList<DigestSection> Sections,
    string PreferencesUrl,
    string UnsubscribeUrl,
    string ArchiveUrl)
{
    public int StoryCount => Sections.Sum(s => s.Stories.Count);
}
