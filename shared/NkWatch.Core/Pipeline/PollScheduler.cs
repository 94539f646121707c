using Microsoft.Extensions.Logging;
using NkWatch.Core.Configuration;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;

namespace NkWatch.Core.Pipeline;

/// <summary>SchedulePolls: one <c>feed-poll</c> message for each feed that is due.</summary>
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
        var known = (await states.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.FeedId);
        var queued = 0;
        foreach (var feed in catalog.Catalog.Feeds)
        {
            if (known.TryGetValue(feed.Id, out var state) && state.NextPollAt > now)
            {
                continue;
            }

            await publisher.PublishAsync(new FeedPollMessage(feed.Id, now), cancellationToken).ConfigureAwait(false);
            queued++;
        }

        LogScheduled(queued, catalog.Catalog.Feeds.Count);
        return queued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Due} of {Total} feeds for polling")]
    private partial void LogScheduled(int due, int total);
}
