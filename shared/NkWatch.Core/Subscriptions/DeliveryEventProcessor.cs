using Microsoft.Extensions.Logging;
using NkWatch.Core.Storage;

namespace NkWatch.Core.Subscriptions;

/// <summary>
/// Applies the mail provider's events: a bounce, drop, spam report or unsubscribe suppresses the
/// subscriber. Each event id is acted on once: an event seen before is skipped, so a replayed
/// batch cannot suppress an address again after the operator restored it. The id is recorded only
/// after the event was applied, so a batch that failed half-way is applied in full when retried.
/// </summary>
public sealed partial class DeliveryEventProcessor(
    IWebhookEventLog log,
    ISubscriberStore store,
    SubscriberLifecycle lifecycle,
    TimeProvider clock,
    ILogger<DeliveryEventProcessor> logger)
{
    public async Task<DeliveryEventReport> ApplyAsync(IReadOnlyList<DeliveryEvent> events, CancellationToken cancellationToken)
    {
        int suppressed = 0, replayed = 0, unmatched = 0;
        foreach (var delivery in events)
        {
            if (await log.ContainsAsync(delivery.EventId, cancellationToken).ConfigureAwait(false))
            {
                replayed++;
                continue;
            }

            if (delivery.Suppresses)
            {
                var subscriber = await FindAsync(delivery, cancellationToken).ConfigureAwait(false);
                if (subscriber is null)
                {
                    unmatched++;
                    LogUnmatched(delivery.Kind, delivery.Email is null ? "none" : EmailAddress.Mask(delivery.Email));
                }
                else if (await lifecycle.SuppressAsync(subscriber, delivery.Kind, cancellationToken).ConfigureAwait(false))
                {
                    suppressed++;
                }
            }

            await log.TryRecordAsync(delivery.EventId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return new DeliveryEventReport(events.Count, suppressed, replayed, unmatched);
    }

    /// <summary>By the subscriber id the sender attached, checked against the address; else by the address.</summary>
    private async Task<Subscriber?> FindAsync(DeliveryEvent delivery, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.TryNormalize(delivery.Email, out var address) ? address : null;
        if (!string.IsNullOrEmpty(delivery.SubscriberId)
            && await store.GetAsync(delivery.SubscriberId, cancellationToken).ConfigureAwait(false) is { } byId
            && (normalized is null || string.Equals(byId.Email, normalized, StringComparison.OrdinalIgnoreCase)))
        {
            return byId;
        }

        return normalized is null ? null : await store.FindByEmailAsync(normalized, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} event names no known subscriber (address {MaskedEmail})")]
    private partial void LogUnmatched(string kind, string maskedEmail);
}
