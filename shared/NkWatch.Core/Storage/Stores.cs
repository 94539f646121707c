using NkWatch.Core.Feeds;
using NkWatch.Core.Matches;
using NkWatch.Core.Search;
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
    /// <summary>Which of <paramref name="keys"/> are already recorded.</summary>
    Task<IReadOnlySet<string>> FindSeenAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Marks many keys processed at once (one transaction where the store has them).</summary>
    Task AddAsync(IReadOnlyCollection<string> keys, string feedId, DateTimeOffset firstSeen, CancellationToken cancellationToken);
}

/// <summary>Stored matches, each once, ordered by the time they became visible.</summary>
public interface IMatchStore
{
    /// <summary>Stores the match unless its item is already stored; true when it was new.</summary>
    Task<bool> AddAsync(StoredMatch match, CancellationToken cancellationToken);

    /// <summary>The matches the window covers (<see cref="Digests.DigestWindow.Contains"/>), oldest first.</summary>
    Task<IReadOnlyList<StoredMatch>> ListStoredBetweenAsync(Digests.DigestWindow window, CancellationToken cancellationToken);

    /// <summary>
    /// The newest matches the filter includes among those the archive lists now (<see cref="ArchiveSpan"/>),
    /// newest first (stored time, then item id, descending).
    /// </summary>
    Task<IReadOnlyList<StoredMatch>> ListLatestAsync(MatchFilter filter, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Matches that contain every token of the query (title and summary, <see cref="SearchText"/>),
    /// best first, at most <paramref name="count"/>; the filter's topic and feeds apply, its cursor does not.
    /// </summary>
    Task<IReadOnlyList<StoredMatch>> SearchAsync(SearchQuery query, MatchFilter filter, int count, CancellationToken cancellationToken);
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

/// <summary>
/// Groups items into stories. The store serialises assignments (a transaction in SQLite, an
/// optimistic-concurrency batch on one partition in Azure Tables), so of two similar items stored
/// at the same moment the second always sees the first.
/// </summary>
public interface IStoryStore
{
    /// <summary>
    /// The story of <paramref name="candidate"/>'s item: the one it already has (a retried message),
    /// else the one <paramref name="chooseStory"/> picks among the members whose time lies within
    /// <paramref name="window"/> of it (null: a story of its own, <c>candidate.StoryId</c>).
    /// </summary>
    Task<string> AssignAsync(StoryMember candidate, TimeSpan window, Func<IReadOnlyList<StoryMember>, string?> chooseStory, CancellationToken cancellationToken);
}

/// <summary>What became of one subscriber's digest of one period: sent, empty or rejected.</summary>
public sealed record DigestRecord(
    string SubscriberId,
    string Period,
    string DigestId,
    int StoryCount,
    DateTimeOffset SentAt,
    Pipeline.DigestOutcome Outcome)
{
    /// <summary>Matches stored in (WindowStart, WindowEnd] were the digest's content.</summary>
    public DateTimeOffset WindowStart { get; init; }

    public DateTimeOffset WindowEnd { get; init; }

    public int Attempts { get; init; } = 1;

    /// <summary>Why it was rejected (status and SendGrid's message; never an address).</summary>
    public string? Detail { get; init; }
}

/// <summary>
/// A digest being sent. Its content is fixed by the window, so a retry sends the same digest with
/// the same id; the lease keeps a second worker from sending it at the same time.
/// </summary>
public sealed record DigestClaim(
    string Period,
    string DigestId,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset ClaimedUntil,
    int Attempt)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public Digests.DigestWindow Window => new(WindowStart, WindowEnd);
}

/// <summary>Per subscriber: how far digests have delivered, the last period finished, the digest in flight.</summary>
public sealed record DigestCursor
{
    public required string SubscriberId { get; init; }

    /// <summary>Matches stored up to this instant have been delivered (or judged not wanted).</summary>
    public DateTimeOffset Watermark { get; init; }

    public string? LastPeriod { get; init; }

    public DigestClaim? Claim { get; init; }

    /// <summary>The store's concurrency token of the version read (null: never stored).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Version { get; init; }
}

/// <summary>
/// The digest log: a cursor per subscriber (watermark and claim, changed only by compare-and-swap)
/// and a record per subscriber and period once the period is finished.
/// </summary>
public interface IDigestLog
{
    Task<DigestRecord?> GetAsync(string subscriberId, string period, CancellationToken cancellationToken);

    /// <summary>Writes the final record of a period (replacing an earlier one of the same period).</summary>
    Task RecordAsync(DigestRecord record, CancellationToken cancellationToken);

    Task<DigestCursor?> GetCursorAsync(string subscriberId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DigestCursor>> ListCursorsAsync(CancellationToken cancellationToken);

    /// <summary>Saves the cursor if it is still the version that was read; false when another writer changed it first.</summary>
    Task<bool> TrySaveCursorAsync(DigestCursor cursor, CancellationToken cancellationToken);
}

/// <summary>Counters per key and UTC day: the daily limits on confirmation emails per address and per client.</summary>
public interface IRateLimitStore
{
    /// <summary>Adds one to the key's counter for the day and returns the new count (1 for the first).</summary>
    Task<int> IncrementAsync(string key, DateOnly day, CancellationToken cancellationToken);

    /// <summary>The key's counters by day, oldest first (what a data request shows).</summary>
    Task<IReadOnlyList<RateLimitCount>> ListAsync(string key, CancellationToken cancellationToken);

    /// <summary>Forgets every counter of the key; the number of counters removed.</summary>
    Task<int> DeleteAsync(string key, CancellationToken cancellationToken);
}

public sealed record RateLimitCount(DateOnly Day, int Count);

/// <summary>The replay guard of the SendGrid event webhook: each event is acted on once.</summary>
public interface IWebhookEventLog
{
    Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Records the event id; false when it was already recorded.</summary>
    Task<bool> TryRecordAsync(string eventId, DateTimeOffset receivedAt, CancellationToken cancellationToken);
}

/// <summary>One subscriber's digest records, for a data request: what was sent to them, and erasing it.</summary>
public interface IDigestHistory
{
    Task<IReadOnlyList<DigestRecord>> ListAsync(string subscriberId, CancellationToken cancellationToken);

    /// <summary>Removes every digest record of the subscriber; the number removed.</summary>
    Task<int> EraseAsync(string subscriberId, CancellationToken cancellationToken);
}

/// <summary>A store cannot be used (a corrupt file, an unreachable account); the message names it and says why.</summary>
public sealed class StateStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One stored record cannot be read (an unknown value, broken JSON); the message names its id.</summary>
public sealed class UnreadableRecordException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reading stored records that may be damaged, for adapters that skip a bad one instead of failing them all.</summary>
public static class StoredRecords
{
    /// <summary>The record <paramref name="read"/> gives, or false and the reason when it cannot be read (an unknown value, broken JSON).</summary>
    public static bool TryRead<T>(Func<T> read, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? record, out string problem)
        where T : class
    {
        try
        {
            record = read();
            problem = string.Empty;
            return true;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException or NotSupportedException)
        {
            record = null;
            problem = ex.Message;
            return false;
        }
    }
}
