using NkWatch.Core.Storage;

namespace NkWatch.Core.Subscriptions;

/// <summary>Everything NkWatch keeps about one address, as a data request is answered.</summary>
public sealed record PersonalDataExport(
    string Email,
    Subscriber? Subscriber,
    IReadOnlyList<DigestRecord> Digests,
    IReadOnlyList<RateLimitCount> ConfirmationEmailsByDay);

/// <summary>What an erasure removed.</summary>
public sealed record ErasureReport(bool SubscriberErased, int DigestRecordsErased, int RateLimitCountersErased)
{
    public bool ErasedAnything => SubscriberErased || DigestRecordsErased > 0 || RateLimitCountersErased > 0;
}

/// <summary>
/// Answers a person's data request (access and erasure) for one address: the subscriber record,
/// the digest log keyed by their id, and the confirmation-email counter keyed by their address.
/// Per-client counters hold no address and expire within days, so they are not looked up.
/// </summary>
public sealed class PersonalData(ISubscriberStore store, IDigestHistory history, IRateLimitStore limits, RateLimitKeys keys)
{
    /// <summary>Throws <see cref="ArgumentException"/> for an address that is not valid.</summary>
    public async Task<PersonalDataExport> ExportAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = Normalize(email);
        var subscriber = await store.FindByEmailAsync(normalized, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DigestRecord> digests = subscriber is null
            ? []
            : await history.ListAsync(subscriber.Id, cancellationToken).ConfigureAwait(false);
        var counts = await limits.ListAsync(keys.ForAddress(normalized), cancellationToken).ConfigureAwait(false);
        return new PersonalDataExport(normalized, subscriber, digests, counts);
    }

    public async Task<ErasureReport> EraseAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = Normalize(email);
        var subscriber = await store.FindByEmailAsync(normalized, cancellationToken).ConfigureAwait(false);
        var digests = 0;
        var erased = false;
        if (subscriber is not null)
        {
            digests = await history.EraseAsync(subscriber.Id, cancellationToken).ConfigureAwait(false);
            erased = await store.DeleteAsync(subscriber.Id, cancellationToken).ConfigureAwait(false);
        }

        var counters = await limits.DeleteAsync(keys.ForAddress(normalized), cancellationToken).ConfigureAwait(false);
        return new ErasureReport(erased, digests, counters);
    }

    private static string Normalize(string email) =>
        EmailAddress.TryNormalize(email, out var normalized)
            ? normalized
            : throw new ArgumentException("not a valid email address", nameof(email));
}
