using NkWatch.Core.Configuration;
using NkWatch.Core.Messaging;

namespace NkWatch.Core.Matches;

/// <summary>An incoming match as story grouping sees it: its words, its feed's language, its language-independent signature.</summary>
public sealed class StoryCandidates(IFeedCatalogProvider feeds, IClassifierProvider rules)
{
    public async ValueTask<StoryMember> ForAsync(MatchMessage match, DateTimeOffset storedAt, CancellationToken cancellationToken)
    {
        var catalog = await feeds.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var ruleSet = await rules.GetRulesAsync(cancellationToken).ConfigureAwait(false);
        return StoryClusterer.Candidate(match, storedAt) with
        {
            Language = catalog.Find(match.FeedId)?.Language ?? string.Empty,
            Signature = StorySignature.Of(match.Title, match.Summary, match.Hits, ruleSet, Gazetteer.BuiltIn),
        };
    }
}
