using NkWatch.Core.Storage;

namespace NkWatch.Core.Subscriptions;

/// <summary>Operator-side subscriber management (the command line): the operator vouches for the address.</summary>
public sealed class SubscriberDirectory(ISubscriberStore store, TimeProvider clock)
{
    public async Task<Subscriber> AddConfirmedAsync(string email, Frequency frequency, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized))
        {
            throw new ArgumentException($"not a valid email address: {email}", nameof(email));
        }

        var now = clock.GetUtcNow();
        var existing = await store.FindByEmailAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            var updated = existing with
            {
                Status = SubscriberStatus.Confirmed,
                Frequency = frequency,
                Topics = topics,
                ConfirmedAt = existing.ConfirmedAt ?? now,
            };
            await store.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
            return updated;
        }

        var subscriber = new Subscriber
        {
            Id = Subscriber.NewId(),
            Email = normalized,
            Status = SubscriberStatus.Confirmed,
            Frequency = frequency,
            Topics = topics,
            CreatedAt = now,
            ConfirmedAt = now,

            // A new subscriber starts with what was found in the last day rather than an empty first digest.
            Watermark = now - TimeSpan.FromDays(1),
        };
        await store.AddAsync(subscriber, cancellationToken).ConfigureAwait(false);
        return subscriber;
    }

    public async Task<bool> RemoveAsync(string email, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized))
        {
            return false;
        }

        var existing = await store.FindByEmailAsync(normalized, cancellationToken).ConfigureAwait(false);
        return existing is not null && await store.DeleteAsync(existing.Id, cancellationToken).ConfigureAwait(false);
    }
}
