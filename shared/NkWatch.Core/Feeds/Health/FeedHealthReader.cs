using NkWatch.Core.Configuration;
using NkWatch.Core.Storage;

namespace NkWatch.Core.Feeds;

/// <summary>The health of every feed in the catalogue, from the stored feed states.</summary>
public sealed class FeedHealthReader(IFeedCatalogProvider catalog, IFeedStateStore states, FeedEndpoints endpoints, TimeProvider clock)
{
    public async Task<IReadOnlyList<FeedHealth>> ReadAsync(CancellationToken cancellationToken)
    {
        var known = (await states.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.FeedId, StringComparer.Ordinal);
        var feeds = await catalog.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        return feeds.Feeds.Select(feed => FeedHealth.Assess(feed, known.GetValueOrDefault(feed.Id), now, endpoints.Resolve(feed).NotPolled)).ToList();
    }
}
