using System.Globalization;
using Azure;
using Azure.Data.Tables;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Azure;

/// <summary>
/// Daily counters: partition = key (a hex hash), row = day. Increments use the entity's ETag, so
/// two instances counting at once both count (a lost race retries). A key's old days are removed
/// when it starts a new day.
/// </summary>
public sealed class TableRateLimitStore(AzureTables tables) : IRateLimitStore
{
    private const int Keep = 7;
    private const int MaxAttempts = 10;

    public async Task<int> IncrementAsync(string key, DateOnly day, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.RateLimits).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await AzureTables.FindAsync(table, key, Row(day), cancellationToken).ConfigureAwait(false);
                if (existing is null)
                {
                    await table.AddEntityAsync(new TableEntity(key, Row(day)) { ["Count"] = 1 }, cancellationToken).ConfigureAwait(false);
                    await PruneAsync(table, key, day, cancellationToken).ConfigureAwait(false);
                    return 1;
                }

                var count = (existing.GetInt32("Count") ?? 0) + 1;
                existing["Count"] = count;
                await table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return count;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another instance counted first: read its count and try again.
            }
        }
    }

    public async Task<IReadOnlyList<RateLimitCount>> ListAsync(string key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.RateLimits).ConfigureAwait(false);
        var counts = new List<RateLimitCount>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == key, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new RateLimitCount(DateOnly.ParseExact(entity.RowKey, "yyyyMMdd", CultureInfo.InvariantCulture), entity.GetInt32("Count") ?? 0));
        }

        return [.. counts.OrderBy(c => c.Day)];
    }

    public async Task<int> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.RateLimits).ConfigureAwait(false);
        return await AzureTables.DeletePartitionAsync(table, key, _ => true, cancellationToken).ConfigureAwait(false);
    }

    private static Task<int> PruneAsync(TableClient table, string key, DateOnly today, CancellationToken cancellationToken)
    {
        var oldest = Row(today.AddDays(-Keep));
        return AzureTables.DeletePartitionAsync(table, key, e => string.CompareOrdinal(e.RowKey, oldest) < 0, cancellationToken);
    }

    private static string Row(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
