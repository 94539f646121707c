using NkWatch.Core.Feeds;
using NkWatch.Core.Matches;
using NkWatch.Core.Subscriptions;

namespace NkWatch.Core.Storage;

/// <summary>Per-feed validators and health.</summary>
public interface IFeedStateStore
{
    Task<FeedState?> GetAsync(string feedId, CancellationToken cancellationToken);

    Task<IReadOnlyList<FeedState>> ListAsync(CancellationToken cancellationToken);

    Task SaveAsync(FeedState state, CancellationToken cancellationToken);
}

/// <summary>
/// Keys of items already processed (item ids and fingerprints), so that a story is classified and
/// queued once however many polls and feeds carry it.
/// </summary>
public interface IItemStore
{
    Task<bool> ContainsAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="keys"/> are already recorded.</summary>
    Task<IReadOnlySet<string>> FindSeenAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Marks the item processed; true when it was not already.</summary>
    Task<bool> AddAsync(string itemId, string feedId, DateTimeOffset firstSeen, CancellationToken cancellationToken);

    /// <summary>Marks many keys processed at once (one transaction where the store has them).</summary>
    Task AddAsync(IReadOnlyCollection<string> keys, string feedId, DateTimeOffset firstSeen, CancellationToken cancellationToken);
}

/// <summary>Stored matches, each once, ordered by the time they became visible.</summary>
public interface IMatchStore
{
    /// <summary>Stores the match unless its item is already stored; true when it was new.</summary>
    Task<bool> AddAsync(StoredMatch match, CancellationToken cancellationToken);

    Task<StoredMatch?> GetAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>Matches with <c>after &lt; StoredAt &lt;= upTo</c>, oldest first.</summary>
    Task<IReadOnlyList<StoredMatch>> ListStoredBetweenAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken);

    /// <summary>The newest matches, newest first.</summary>
    Task<IReadOnlyList<StoredMatch>> ListLatestAsync(int count, CancellationToken cancellationToken);
}

public interface ISubscriberStore
{
    /// <summary>Adds the subscriber; false when the address is already known.</summary>
    Task<bool> AddAsync(Subscriber subscriber, CancellationToken cancellationToken);

    Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken);

    Task<Subscriber?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken);

    Task UpdateAsync(Subscriber subscriber, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}

/// <summary>One record per subscriber and period: the guard against sending a digest twice.</summary>
public sealed record DigestRecord(
    string SubscriberId,
    string Period,
    string DigestId,
    int StoryCount,
    DateTimeOffset SentAt,
    string Outcome);

public interface IDigestLog
{
    Task<DigestRecord?> GetAsync(string subscriberId, string period, CancellationToken cancellationToken);

    /// <summary>Records the digest; false when a record for the subscriber and period exists.</summary>
    Task<bool> AddAsync(DigestRecord record, CancellationToken cancellationToken);
}
