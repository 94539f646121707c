using Microsoft.Extensions.Logging;
using NkWatch.Core.Configuration;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;

namespace NkWatch.Core.Pipeline;

/// <summary>
/// SchedulePolls: one <c>feed-poll</c> message for each feed that is due (never polled, or its
/// <c>NextPollAt</c> has come). Each feed is its own message, so a slow or broken feed never delays
/// another; a feed whose message cannot be queued is logged and retried on the next tick.
/// </summary>
public sealed partial class PollScheduler(
    IFeedCatalogProvider catalog,
    IFeedStateStore states,
    MessagePublisher publisher,
    TimeProvider clock,
    ILogger<PollScheduler> logger)
{
    public async Task<int> ScheduleAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var known = (await states.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.FeedId, StringComparer.Ordinal);
        var feeds = (await catalog.GetCatalogAsync(cancellationToken).ConfigureAwait(false)).Feeds;
        var queued = 0;
        foreach (var feed in feeds)
        {
            if (known.TryGetValue(feed.Id, out var state) && state.NextPollAt > now)
            {
                continue;
            }

            try
            {
                await publisher.PublishAsync(new FeedPollMessage(feed.Id, now), cancellationToken).ConfigureAwait(false);
                queued++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNotQueued(feed.Id, ex.Message);
            }
        }

        LogScheduled(queued, feeds.Count);
        return queued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Due} of {Total} feeds for polling")]
    private partial void LogScheduled(int due, int total);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not queue a poll of {FeedId}: {Reason}")]
    private partial void LogNotQueued(string feedId, string reason);
}
