using Azure.Data.Tables;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Azure;

/// <summary>
/// Seen item keys, one partition per key (keys are hex hashes, safe as table keys). A partition
/// per key spreads the load and makes each lookup a point query; batches cannot span partitions,
/// so many keys are looked up and added concurrently instead.
/// </summary>
public sealed class TableItemStore(AzureTables tables) : IItemStore
{
    private const string Row = "seen";
    private const int Concurrency = 16;

    public async Task<IReadOnlySet<string>> FindSeenAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Items).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(keys.Distinct(StringComparer.Ordinal), options, async (key, token) =>
        {
            if (await AzureTables.FindAsync(table, key, Row, token).ConfigureAwait(false) is not null)
            {
                lock (seen)
                {
                    seen.Add(key);
                }
            }
        }).ConfigureAwait(false);
        return seen;
    }

    public async Task AddAsync(IReadOnlyCollection<string> keys, string feedId, DateTimeOffset firstSeen, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Items).ConfigureAwait(false);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(keys.Distinct(StringComparer.Ordinal), options, async (key, token) =>
            await AzureTables.TryAddAsync(table, Entity(key, feedId, firstSeen), token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static TableEntity Entity(string key, string feedId, DateTimeOffset firstSeen) =>
        new(key, Row) { ["FeedId"] = feedId, ["FirstSeen"] = firstSeen };
}
