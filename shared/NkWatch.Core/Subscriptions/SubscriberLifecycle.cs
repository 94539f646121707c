using Microsoft.Extensions.Logging;
using NkWatch.Core.Storage;

namespace NkWatch.Core.Subscriptions;

/// <summary>
/// Changes a subscriber makes through a signed link (preferences, unsubscribe) and the ones their
/// mail provider reports (bounces, spam reports): each is idempotent, so a repeated click, a mail
/// client's one-click POST after a person's click, or a replayed event changes nothing more.
/// </summary>
public sealed partial class SubscriberLifecycle(ISubscriberStore store, TimeProvider clock, ILogger<SubscriberLifecycle> logger)
{
    /// <summary>The updated subscriber, or null when there is none with this id.</summary>
    public async Task<Subscriber?> UpdatePreferencesAsync(string subscriberId, SubscriberPreferences preferences, CancellationToken cancellationToken)
    {
        var subscriber = await store.GetAsync(subscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is null)
        {
            return null;
        }

        var updated = preferences.ApplyTo(subscriber);
        await store.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
        LogPreferences(subscriber.Id);
        return updated;
    }

    /// <summary>Unsubscribes at once; a suppressed subscriber stays suppressed. Null when there is no such subscriber.</summary>
    public async Task<Subscriber?> UnsubscribeAsync(string subscriberId, string reason, CancellationToken cancellationToken)
    {
        var subscriber = await store.GetAsync(subscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is null || subscriber.Status is SubscriberStatus.Unsubscribed or SubscriberStatus.Suppressed)
        {
            return subscriber;
        }

        var updated = subscriber with { Status = SubscriberStatus.Unsubscribed, StatusChangedAt = clock.GetUtcNow(), StatusReason = reason };
        await store.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
        LogStatus(subscriber.Id, updated.Status, reason);
        return updated;
    }

    /// <summary>Stops all mail to the subscriber; false when they were already suppressed.</summary>
    public async Task<bool> SuppressAsync(Subscriber subscriber, string reason, CancellationToken cancellationToken)
    {
        if (subscriber.Status == SubscriberStatus.Suppressed)
        {
            return false;
        }

        await store.UpdateAsync(subscriber with { Status = SubscriberStatus.Suppressed, StatusChangedAt = clock.GetUtcNow(), StatusReason = reason }, cancellationToken).ConfigureAwait(false);
        LogStatus(subscriber.Id, SubscriberStatus.Suppressed, reason);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {SubscriberId} changed their preferences")]
    private partial void LogPreferences(string subscriberId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {SubscriberId} is now {Status} ({Reason})")]
    private partial void LogStatus(string subscriberId, SubscriberStatus status, string reason);
}
