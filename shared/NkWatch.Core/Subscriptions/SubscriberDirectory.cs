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
            // A subscriber already confirmed keeps their place; one who was pending or had left starts afresh.
            var confirmed = existing.Status == SubscriberStatus.Confirmed ? existing : existing.ConfirmedNow(now, "added by the operator");
            var updated = confirmed with { Frequency = frequency, Topics = topics };
            await store.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
            return updated;
        }

        var subscriber = new Subscriber
        {
            Id = Subscriber.NewId(),
            Email = normalized,
            Frequency = frequency,
            Topics = topics,
            CreatedAt = now,
        }.ConfirmedNow(now, "added by the operator");
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
