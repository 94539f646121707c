using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NkWatch.Core.Digests;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Pipeline;

/// <summary>
/// ScheduleDigests: one <c>digests</c> message per confirmed subscriber whose period is due and not
/// yet logged. Instant subscribers are queued only when something was stored after their watermark.
/// </summary>
public sealed partial class DigestScheduler(
    ISubscriberStore subscribers,
    IMatchStore matches,
    IDigestLog log,
    MessagePublisher publisher,
    IOptions<DigestOptions> options,
    TimeProvider clock,
    ILogger<DigestScheduler> logger)
{
    public async Task<int> ScheduleAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - options.Value.VisibilityMargin;
        var confirmed = (await subscribers.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => s.Status == SubscriberStatus.Confirmed)
            .ToList();
        var instantFloor = confirmed.Where(s => s.Frequency == Frequency.Instant).Select(s => s.Watermark).DefaultIfEmpty(cutoff).Min();
        var recent = instantFloor < cutoff
            ? await matches.ListStoredBetweenAsync(instantFloor, cutoff, cancellationToken).ConfigureAwait(false)
            : [];

        var queued = 0;
        foreach (var subscriber in confirmed)
        {
            var period = DigestSchedule.DuePeriod(subscriber, now);
            if (period is null)
            {
                continue;
            }

            if (subscriber.Frequency == Frequency.Instant && !recent.Any(m => m.StoredAt > subscriber.Watermark))
            {
                continue;
            }

            if (await log.GetAsync(subscriber.Id, period, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            var message = new DigestMessage(subscriber.Id, period, subscriber.Frequency.ToString().ToLowerInvariant());
            await publisher.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            queued++;
        }

        LogScheduled(queued, confirmed.Count);
        return queued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Due} digests for {Subscribers} confirmed subscribers")]
    private partial void LogScheduled(int due, int subscribers);
}
