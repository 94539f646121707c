using NkWatch.Core.Configuration;
using NkWatch.Core.Messaging;

namespace NkWatch.Core.Matches;

/// <summary>An incoming match as story grouping sees it: its words, its feed's language, its language-independent signature.</summary>
public sealed class StoryCandidates(IFeedCatalogProvider feeds, IClassifierProvider rules)
{
    public StoryMember For(MatchMessage match, DateTimeOffset storedAt) =>
        StoryClusterer.Candidate(match, storedAt) with
        {
            Language = feeds.Catalog.Find(match.FeedId)?.Language ?? string.Empty,
            Signature = StorySignature.Of(match.Title, match.Summary, match.Hits, rules.Rules, Gazetteer.BuiltIn),
        };
}
