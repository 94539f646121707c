using Microsoft.AspNetCore.Http;
using NkWatch.Core.Configuration;
using NkWatch.Core.Feeds;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Storage;
using NkWatch.Web.Rendering;

namespace NkWatch.Web.Handlers;

/// <summary>
/// <c>GET /api/health</c>: for the operator (a function key in Azure). Each catalogued feed's health
/// (ok, stale against its own publishing rate, failing, new) and the depth of every queue and its
/// poison queue, and the settings some work lacks (a secret not yet in Key Vault, no sender), with
/// the work each blocks; "degraded" when a feed keeps failing, a message was poisoned or a setting
/// is missing.
/// </summary>
public sealed class HealthHandler(FeedHealthReader feedHealth, IMessageQueues queues, RequiredSettings settings, PageResults pages, TimeProvider clock)
{
    /// <summary>A feed that failed this many polls in a row counts as unhealthy.</summary>
    public const int FailingAfter = 3;

    private static readonly string[] Queues = [QueueNames.FeedPoll, QueueNames.Matches, QueueNames.Digests];

    public Task<IResult> GetAsync(HttpContext context) => pages.GuardAsync(context, async () =>
    {
        var cancellationToken = context.RequestAborted;
        var feeds = (await feedHealth.ReadAsync(cancellationToken).ConfigureAwait(false)).Select(feed => new
        {
            id = feed.FeedId,
            name = feed.Name,
            condition = feed.Condition.Name(),
            reason = feed.Reason,
            healthy = feed.ConsecutiveFailures < FailingAfter,
            lastSuccessAt = feed.LastSuccessAt,
            consecutiveFailures = feed.ConsecutiveFailures,
            lastError = feed.LastError,
            lastErrorAt = feed.LastErrorAt,
            itemsPerDay = Math.Round(feed.ItemsPerDay, 2),
            newestItemAt = feed.NewestItemAt,
            nextPollAt = feed.NextPollAt,
        }).ToList();

        var depths = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in Queues.SelectMany(q => new[] { q, q + QueueWorker.PoisonSuffix }))
        {
            depths[name] = await queues.Get(name).CountAsync(cancellationToken).ConfigureAwait(false);
        }

        var missingSettings = settings.Missing.Select(m => new
        {
            setting = m.Setting,
            problem = m.Problem,
            blocks = Enum.GetValues<SecretWork>().Where(w => m.Blocks.HasFlag(w)).Select(w => w.Name()).ToList(),
        }).ToList();

        var degraded = feeds.Any(f => !f.healthy)
            || depths.Any(d => d.Key.EndsWith(QueueWorker.PoisonSuffix, StringComparison.Ordinal) && d.Value > 0)
            || missingSettings.Count > 0;
        return PageResults.JsonAnswer(
            new { status = degraded ? "degraded" : "ok", checkedAt = clock.GetUtcNow(), feeds, queues = depths, missingSettings },
            StatusCodes.Status200OK);
    });
}
