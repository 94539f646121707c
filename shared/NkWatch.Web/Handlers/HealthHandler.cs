using Microsoft.AspNetCore.Http;
using NkWatch.Core.Configuration;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Storage;
using NkWatch.Web.Rendering;

namespace NkWatch.Web.Handlers;

/// <summary>
/// <c>GET /api/health</c>: for the operator (a function key in Azure). Each catalogued feed's state
/// and the depth of every queue and its poison queue; "degraded" when a feed keeps failing or a
/// message was poisoned.
/// </summary>
public sealed class HealthHandler(IFeedStateStore states, IMessageQueues queues, IFeedCatalogProvider catalog, PageResults pages, TimeProvider clock)
{
    /// <summary>A feed that failed this many polls in a row counts as unhealthy.</summary>
    public const int FailingAfter = 3;

    private static readonly string[] Queues = [QueueNames.FeedPoll, QueueNames.Matches, QueueNames.Digests];

    public Task<IResult> GetAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var cancellationToken = context.RequestAborted;
        var known = (await states.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.FeedId, StringComparer.Ordinal);
        var feeds = catalog.Catalog.Feeds.Select(feed =>
        {
            var state = known.GetValueOrDefault(feed.Id);
            return new
            {
                id = feed.Id,
                name = feed.Name,
                healthy = state is null || state.ConsecutiveFailures < FailingAfter,
                lastPolledAt = state?.LastPolledAt,
                lastSuccessAt = state?.LastSuccessAt,
                consecutiveFailures = state?.ConsecutiveFailures ?? 0,
                lastError = state?.LastError,
                nextPollAt = state?.NextPollAt,
                itemsSeen = state?.ItemsSeen ?? 0,
            };
        }).ToList();

        var depths = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in Queues.SelectMany(q => new[] { q, q + QueueWorker.PoisonSuffix }))
        {
            depths[name] = await queues.Get(name).CountAsync(cancellationToken).ConfigureAwait(false);
        }

        var degraded = feeds.Any(f => !f.healthy) || depths.Any(d => d.Key.EndsWith(QueueWorker.PoisonSuffix, StringComparison.Ordinal) && d.Value > 0);
        return PageResults.JsonAnswer(
            new { status = degraded ? "degraded" : "ok", checkedAt = clock.GetUtcNow(), feeds, queues = depths },
            StatusCodes.Status200OK);
    });
}
