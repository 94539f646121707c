using NkWatch.Core.Configuration;
using NkWatch.Core.Matches;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Digests;

/// <summary>
/// Turns stored matches into a subscriber's digest: only their topics and languages, each story
/// once (under its strongest topic) with the other outlets that carried it, strongest and newest first.
/// </summary>
public sealed class DigestComposer(IFeedCatalogProvider catalog, IClassifierProvider rules)
{
    public IReadOnlyList<DigestSection> Compose(Subscriber subscriber, IEnumerable<StoredMatch> matches)
    {
        var feeds = catalog.Catalog;
        var wanted = matches
            .Where(m => subscriber.Topics.Count == 0 || m.Topics.Any(subscriber.Topics.Contains))
            .Where(m => subscriber.Languages.Count == 0 || subscriber.Languages.Contains(feeds.Find(m.FeedId)?.Language ?? "en"));

        var stories = wanted
            .GroupBy(m => string.IsNullOrEmpty(m.StoryId) ? m.ItemId : m.StoryId)
            .Select(group => ToStory(group.Key, [.. group]))
            .ToList();

        var topicOrder = rules.Rules.Topics.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return stories
            .GroupBy(story => LeadTopic(story, subscriber, topicOrder))
            .OrderBy(group => topicOrder.GetValueOrDefault(group.Key, int.MaxValue))
            .Select(group => new DigestSection(
                group.Key,
                rules.Rules.Topics.FirstOrDefault(t => t.Id == group.Key)?.Name ?? group.Key,
                [.. group.OrderByDescending(s => s.Score).ThenByDescending(s => s.Primary.Published)]))
            .ToList();
    }

    private DigestStory ToStory(string storyId, List<StoredMatch> items)
    {
        var feeds = catalog.Catalog;
        var ordered = items
            .OrderByDescending(m => feeds.Find(m.FeedId)?.Weight ?? 1.0)
            .ThenBy(m => m.Published ?? m.StoredAt)
            .ToList();
        var lead = ordered[0];
        StorySource SourceOf(StoredMatch m) => new(m.FeedId, feeds.Find(m.FeedId)?.Name ?? m.FeedId, m.Link, m.Published ?? m.StoredAt);
        var others = ordered.Skip(1)
            .Where(m => m.FeedId != lead.FeedId || m.Link != lead.Link)
            .Select(SourceOf)
            .DistinctBy(s => s.FeedId)
            .ToList();
        return new DigestStory(
            storyId,
            lead.Title,
            lead.Link,
            lead.Summary,
            items.Max(m => m.Score),
            [.. items.SelectMany(m => m.Topics).Distinct()],
            SourceOf(lead),
            others);
    }

    private static string LeadTopic(DigestStory story, Subscriber subscriber, Dictionary<string, int> order) =>
        story.Topics
            .Where(t => subscriber.Topics.Count == 0 || subscriber.Topics.Contains(t))
            .OrderBy(t => order.GetValueOrDefault(t, int.MaxValue))
            .FirstOrDefault() ?? "other";
}
