using NkWatch.Core.Classification;
using NkWatch.Core.Digests;
using NkWatch.Core.Feeds;
using NkWatch.Core.Matches;

namespace NkWatch.Web.Archive;

/// <summary>
/// Arranges stored matches for the archive page and the Atom feed: one entry per story (the
/// highest-weighted outlet leads, the others are listed), grouped by the UTC day it was published
/// and by its first topic in the rule file's order; a search's results stay in rank order. Outlets
/// are named as the catalogue names them, with their language. Only http and https links survive.
/// Built per request, on the rules and catalogue in force when it came.
/// </summary>
public sealed class ArchiveBuilder(RuleSet rules, FeedCatalog catalog)
{
    public const int SummaryLength = 300;

    /// <summary>A page of matches as read for <paramref name="request"/>; <paramref name="pageSize"/> full pages get an "Older" link.</summary>
    public ArchiveModel Build(IReadOnlyList<StoredMatch> matches, ArchiveRequest request, int pageSize)
    {
        var heading = Heading(request);
        if (request.Query is not null)
        {
            return new ArchiveModel([]) { Request = request, Heading = heading, Ranked = [.. Stories(matches)] };
        }

        var older = matches.Count >= pageSize ? "/api/matches" + request.QueryString(MatchCursor.Of(matches[^1])) : null;
        return Build(matches) with { Request = request, Heading = heading, OlderLink = older };
    }

    public ArchiveModel Build(IReadOnlyList<StoredMatch> matches)
    {
        var topics = rules.Topics;
        var order = TopicOrder();
        var stories = Stories(matches);

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
    }

    /// <summary>One story per story id, in the order of each story's first match.</summary>
    private IEnumerable<ArchiveStory> Stories(IReadOnlyList<StoredMatch> matches)
    {
        var order = TopicOrder();
        return matches
            .GroupBy(m => string.IsNullOrEmpty(m.StoryId) ? m.ItemId : m.StoryId, StringComparer.Ordinal)
            .Select(group => ToStory([.. group.OrderByDescending(m => catalog.Find(m.FeedId)?.Weight ?? 1.0).ThenBy(m => m.StoredAt)], catalog, order, TopicName));
    }

    private string Heading(ArchiveRequest request)
    {
        var parts = new List<string>();
        if (request.Topic is not null)
        {
            parts.Add(TopicName(request.Topic));
        }

        if (request.Language is not null)
        {
            parts.Add(LanguageNames.English(request.Language));
        }

        var filters = string.Join(" · ", parts);
        return request.Query is { } query
            ? "Search: " + query.Text + (filters.Length > 0 ? " (" + filters + ")" : string.Empty)
            : filters.Length > 0 ? "Latest matches: " + filters : "Latest matches";
    }

    private string TopicName(string id) => rules.TopicName(id);

    private Dictionary<string, int> TopicOrder() =>
        rules.Topics.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

    private static ArchiveStory ToStory(List<StoredMatch> items, FeedCatalog catalog, Dictionary<string, int> order, Func<string, string> topicName)
    {
        var lead = items[0];
        string NameOf(StoredMatch m) => catalog.Find(m.FeedId)?.Name ?? m.FeedId;
        string LanguageOf(StoredMatch m) => catalog.Find(m.FeedId)?.Language ?? "en";
        var topics = items.SelectMany(m => m.Topics).Distinct(StringComparer.Ordinal).OrderBy(t => order.GetValueOrDefault(t, int.MaxValue)).ToList();
        return new ArchiveStory(
            lead.ItemId,
            HtmlText.FoldWhitespace(lead.Title),
            SafeLink.Http(lead.Link),
            NameOf(lead),
            lead.Published is { } published && published <= lead.StoredAt ? published : lead.StoredAt,
            HtmlText.Truncate(HtmlText.FoldWhitespace(lead.Summary), SummaryLength),
            topics,
            [.. items.Skip(1).Where(m => NameOf(m) != NameOf(lead)).DistinctBy(NameOf, StringComparer.Ordinal).Select(m => new ArchiveSource(NameOf(m), LanguageOf(m), SafeLink.Http(m.Link)))],
            items.Max(m => m.StoredAt),
            MatchReasons.Describe(topics, items, topicName))
        {
            Language = LanguageOf(lead),
        };
    }

    private static string LeadTopic(ArchiveStory story, Dictionary<string, int> order) =>
        story.TopicIds.OrderBy(t => order.GetValueOrDefault(t, int.MaxValue)).FirstOrDefault() ?? string.Empty;
}
