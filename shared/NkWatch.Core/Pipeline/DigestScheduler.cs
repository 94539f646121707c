using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NkWatch.Core.Configuration;
using NkWatch.Core.Digests;
using NkWatch.Core.Matches;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Pipeline;

/// <summary>
/// ScheduleDigests: one <c>digests</c> message per confirmed subscriber with a period to send.
/// Instant subscribers are due when a match they want was stored after their watermark; daily and
/// weekly ones from their local hour until the period is finished (a failed period is queued
/// again on the next run, and a period in flight is left to its worker). Reads every cursor in one
/// query instead of one look-up per subscriber. While a secret the digests need is missing it
/// queues nothing (one error says which setting): the periods stay due, and the first run after the
/// secret is set queues them, each digest covering every match since the subscriber's last one.
/// </summary>
public sealed partial class DigestScheduler(
    ISubscriberStore subscribers,
    IMatchStore matches,
    IDigestLog log,
    DigestComposer composer,
    MessagePublisher publisher,
    RequiredSettings required,
    IOptions<DigestOptions> options,
    TimeProvider clock,
    ILogger<DigestScheduler> logger)
{
    public async Task<int> ScheduleAsync(CancellationToken cancellationToken)
    {
        if (required.FirstMissingFor(SecretWork.Links | SecretWork.Sending) is { } missing)
        {
            LogHeldBack(missing.Message);
            return 0;
        }

        var now = clock.GetUtcNow();
        var cutoff = DigestWindow.CutoffAt(now, options.Value);
        var confirmed = (await subscribers.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => s.Status == SubscriberStatus.Confirmed)
            .ToList();
        var cursors = (await log.ListCursorsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.SubscriberId, StringComparer.Ordinal);
        DigestWindow WindowOf(Subscriber s) => DigestWindow.Next(s, cursors.GetValueOrDefault(s.Id), cutoff);

        // One read covers every instant subscriber's window.
        var instantFloor = confirmed.Where(s => s.Frequency == Frequency.Instant).Select(s => WindowOf(s).Start).DefaultIfEmpty(cutoff).Min();
        var span = new DigestWindow(instantFloor, cutoff);
        var recent = span.IsEmpty ? [] : await matches.ListStoredBetweenAsync(span, cancellationToken).ConfigureAwait(false);

        var queued = 0;
        foreach (var subscriber in confirmed)
        {
            var cursor = cursors.GetValueOrDefault(subscriber.Id);
            var period = subscriber.Frequency == Frequency.Instant
                ? await InstantPeriodAsync(subscriber, WindowOf(subscriber), recent, cancellationToken).ConfigureAwait(false)
                : DigestSchedule.DuePeriod(subscriber, now);
            if (period is null || cursor?.LastPeriod == period || cursor?.Claim?.ClaimedUntil > now || BeganBeforeSubscribing(subscriber, now))
            {
                continue;
            }

            var message = new DigestMessage(subscriber.Id, period, subscriber.Frequency.Name());
            await publisher.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            queued++;
        }

        LogScheduled(queued, confirmed.Count);
        return queued;
    }

    private static bool BeganBeforeSubscribing(Subscriber subscriber, DateTimeOffset now) =>
        DigestSchedule.DueSince(subscriber, now) is { } since && since < (subscriber.ConfirmedAt ?? subscriber.CreatedAt);

    private async ValueTask<string?> InstantPeriodAsync(Subscriber subscriber, DigestWindow window, IReadOnlyList<StoredMatch> recent, CancellationToken cancellationToken)
    {
        var pending = await composer.WantedAsync(subscriber, recent.Where(m => window.Contains(m.StoredAt)), cancellationToken).ConfigureAwait(false);
        return pending.Count == 0 ? null : DigestSchedule.InstantPeriod(pending.Max(m => m.StoredAt));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "No digests queued, they stay due until the setting is fixed: {Problem}")]
    private partial void LogHeldBack(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Due} digests for {Subscribers} confirmed subscribers")]
    private partial void LogScheduled(int due, int subscribers);
}
