using Microsoft.Extensions.Options;
using NkWatch.Core.Classification;
using NkWatch.Core.Configuration;
using NkWatch.Core.Feeds;
using NkWatch.Core.Matches;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Digests;

/// <summary>The sections of a digest and how many ranked stories did not fit.</summary>
public sealed record DigestContent(IReadOnlyList<DigestSection> Sections, int MoreStories)
{
    public bool IsEmpty => Sections.Count == 0;
}

/// <summary>
/// Turns stored matches into a subscriber's digest: only their topics, and stories with a report
/// in one of their languages (an item's language is its feed's in the catalogue), each story once,
/// led by a report in their language, with the other outlets that carried it in any language
/// ("also reported in Korean by ..."), ranked by score, source weight, recency and breadth of
/// coverage, grouped by topic.
/// </summary>
public sealed class DigestComposer(IFeedCatalogProvider catalog, IClassifierProvider rules, IOptions<DigestOptions> options)
{
    /// <summary>A story's weight halves every this many hours of age.</summary>
    private const double RecencyHalfLifeHours = 48;

    /// <summary>Each further outlet adds this much to a story's rank.</summary>
    private const double BreadthBonus = 0.2;

    public const string PrimaryOrganisation = "un";

    /// <summary>The matches that would be in the subscriber's digest: their topics, in their languages.</summary>
    public async ValueTask<IReadOnlyList<StoredMatch>> WantedAsync(Subscriber subscriber, IEnumerable<StoredMatch> matches, CancellationToken cancellationToken)
    {
        // The catalogue (an item's language is its feed's) is read only when a language is to be checked.
        var onTopic = matches.Where(m => WantsTopic(subscriber, m)).ToList();
        if (onTopic.Count == 0 || subscriber.Languages.Count == 0)
        {
            return onTopic;
        }

        var feeds = await catalog.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        return [.. onTopic.Where(m => Reads(subscriber, m, feeds))];
    }

    /// <summary>The digest of <paramref name="matches"/> for the subscriber, with the catalogue and rules in force.</summary>
    public async ValueTask<DigestContent> ComposeAsync(Subscriber subscriber, IEnumerable<StoredMatch> matches, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ruleSet = await rules.GetRulesAsync(cancellationToken).ConfigureAwait(false);
        var onTopic = matches.Where(m => WantsTopic(subscriber, m)).ToList();
        if (onTopic.Count == 0)
        {
            return new DigestContent([], 0);
        }

        var feeds = await catalog.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var topicOrder = ruleSet.Topics.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var ranked = onTopic
            .GroupBy(m => string.IsNullOrEmpty(m.StoryId) ? m.ItemId : m.StoryId, StringComparer.Ordinal)
            .Where(group => group.Any(m => Reads(subscriber, m, feeds)))
            .Select(group => ToStory(group.Key, [.. group], subscriber, feeds, ruleSet, topicOrder, now))
            .OrderByDescending(s => s.Rank)
            .ThenBy(s => s.StoryId, StringComparer.Ordinal)
            .ToList();
        var shown = ranked.Take(options.Value.MaxStories).ToList();
        var sections = shown
            .GroupBy(story => story.Topics.Count > 0 ? story.Topics[0] : "other", StringComparer.Ordinal)
            .Select(group => new DigestSection(group.Key, ruleSet.TopicName(group.Key), [.. group]) { HasTopicFeed = topicOrder.ContainsKey(group.Key) })
            .OrderByDescending(section => section.Stories[0].Rank)
            .ToList();
        return new DigestContent(sections, ranked.Count - shown.Count);
    }

    private static bool WantsTopic(Subscriber subscriber, StoredMatch match) =>
        subscriber.Topics.Count == 0 || match.Topics.Any(subscriber.Topics.Contains);

    /// <summary>The match is in one of the subscriber's languages (all, when they chose none).</summary>
    private static bool Reads(Subscriber subscriber, StoredMatch match, FeedCatalog feeds) =>
        subscriber.Languages.Count == 0 || subscriber.Languages.Contains(feeds.Find(match.FeedId)?.Language ?? "en", StringComparer.OrdinalIgnoreCase);

    private static DigestStory ToStory(
        string storyId, List<StoredMatch> items, Subscriber subscriber, FeedCatalog feeds, RuleSet ruleSet, Dictionary<string, int> topicOrder, DateTimeOffset now)
    {
        var ordered = items
            .OrderBy(m => Reads(subscriber, m, feeds) ? 0 : 1)
            .ThenByDescending(m => feeds.Find(m.FeedId)?.Weight ?? 1.0)
            .ThenBy(m => m.Published ?? m.StoredAt)
            .ThenBy(m => m.ItemId, StringComparer.Ordinal)
            .ToList();

        // The lead is a report the subscriber reads; the reasons quote only such reports.
        var lead = ordered[0];
        var readable = ordered.Where(m => Reads(subscriber, m, feeds)).ToList();
        var others = ordered.Skip(1)
            .Where(m => m.FeedId != lead.FeedId)
            .DistinctBy(m => m.FeedId)
            .Select(m => SourceOf(m, feeds))
            .ToList();

        // The story's topics as this subscriber sees them: the ones they chose, in the rules' order.
        var topics = items.SelectMany(m => m.Topics)
            .Distinct(StringComparer.Ordinal)
            .Where(t => subscriber.Topics.Count == 0 || subscriber.Topics.Contains(t))
            .OrderBy(t => topicOrder.GetValueOrDefault(t, int.MaxValue))
            .ToList();
        var score = items.Max(m => m.Score);
        var published = lead.Published ?? lead.StoredAt;
        var ageHours = Math.Max(0, (now - published).TotalHours);
        var weight = feeds.Find(lead.FeedId)?.Weight ?? 1.0;
        var rank = score * weight * Math.Pow(0.5, ageHours / RecencyHalfLifeHours) * (1 + (BreadthBonus * others.Count));
        return new DigestStory
        {
            StoryId = storyId,
            Title = FeedTextCleaner.SingleLine(lead.Title, 300),
            Link = SafeLink.Http(lead.Link),
            Snippet = SnippetBuilder.Build(lead.Summary, lead.Hits, topics.ToHashSet(StringComparer.Ordinal)),
            Why = WhyThisMatched(topics, readable, others.Count + 1, ruleSet),
            Score = score,
            Rank = rank,
            Topics = topics,
            Lead = SourceOf(lead, feeds),
            AlsoReportedBy = others,
        };
    }

    private static string WhyThisMatched(List<string> topics, List<StoredMatch> items, int outlets, RuleSet ruleSet)
    {
        var why = MatchReasons.Describe(topics, items, ruleSet.TopicName);
        return outlets > 1 ? $"{why} · {outlets} outlets" : why;
    }

    private static StorySource SourceOf(StoredMatch match, FeedCatalog feeds)
    {
        var feed = feeds.Find(match.FeedId);
        return new StorySource(
            match.FeedId,
            FeedTextCleaner.SingleLine(feed?.Name ?? match.FeedId, 120),
            SafeLink.Http(match.Link),
            match.Published ?? match.StoredAt,
            string.Equals(feed?.Organisation, PrimaryOrganisation, StringComparison.OrdinalIgnoreCase))
        {
            Language = feed?.Language ?? "en",
        };
    }
}
