using NkWatch.Core.Configuration;
using NkWatch.Core.Digests;
using NkWatch.Core.Feeds;
using NkWatch.Core.Matches;

namespace NkWatch.Web.Archive;

/// <summary>
/// Arranges stored matches for the archive page and the Atom feed: one entry per story (the
/// highest-weighted outlet leads, the others are listed), grouped by the UTC day it was published
/// and by its first topic in the rule file's order. Only http and https links survive.
/// </summary>
public sealed class ArchiveBuilder(IClassifierProvider rules, IFeedCatalogProvider feeds)
{
    public const int SummaryLength = 300;

    public ArchiveModel Build(IReadOnlyList<StoredMatch> matches)
    {
        var catalog = feeds.Catalog;
        var topics = rules.Rules.Topics;
        var order = topics.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var stories = matches
            .GroupBy(m => string.IsNullOrEmpty(m.StoryId) ? m.ItemId : m.StoryId, StringComparer.Ordinal)
            .Select(group => ToStory([.. group.OrderByDescending(m => catalog.Find(m.FeedId)?.Weight ?? 1.0).ThenBy(m => m.StoredAt)], catalog, order, TopicName));

        var days = stories
            .GroupBy(s => DateOnly.FromDateTime(s.When.UtcDateTime))
            .OrderByDescending(day => day.Key)
            .Select(day => new ArchiveDay(
                day.Key,
                [.. day.GroupBy(s => LeadTopic(s, order))
                    .OrderBy(t => order.GetValueOrDefault(t.Key, int.MaxValue))
                    .Select(t => new ArchiveTopic(
                        t.Key,
                        topics.FirstOrDefault(r => r.Id == t.Key) is { Name.Length: > 0 } rule ? rule.Name : "Other",
                        [.. t.OrderByDescending(s => s.When)]))]))
            .ToList();
        return new ArchiveModel(days);

        string TopicName(string id) => topics.FirstOrDefault(r => r.Id == id) is { Name.Length: > 0 } rule ? rule.Name : id;
    }

    private static ArchiveStory ToStory(List<StoredMatch> items, FeedCatalog catalog, Dictionary<string, int> order, Func<string, string> topicName)
    {
        var lead = items[0];
        string NameOf(StoredMatch m) => catalog.Find(m.FeedId)?.Name ?? m.FeedId;
        var topics = items.SelectMany(m => m.Topics).Distinct(StringComparer.Ordinal).OrderBy(t => order.GetValueOrDefault(t, int.MaxValue)).ToList();
        return new ArchiveStory(
            lead.ItemId,
            HtmlText.FoldWhitespace(lead.Title),
            SafeLink.Http(lead.Link),
            NameOf(lead),
            lead.Published is { } published && published <= lead.StoredAt ? published : lead.StoredAt,
            HtmlText.Truncate(HtmlText.FoldWhitespace(lead.Summary), SummaryLength),
            topics,
            [.. items.Skip(1).Select(NameOf).Where(n => n != NameOf(lead)).Distinct(StringComparer.Ordinal)],
            items.Max(m => m.StoredAt),
            MatchReasons.Describe(topics, items, topicName));
    }

    private static string LeadTopic(ArchiveStory story, Dictionary<string, int> order) =>
        story.TopicIds.OrderBy(t => order.GetValueOrDefault(t, int.MaxValue)).FirstOrDefault() ?? string.Empty;
}
