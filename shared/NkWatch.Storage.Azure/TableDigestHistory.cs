using Azure.Data.Tables;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Azure;

/// <summary>One subscriber's digest log: the partition keyed by their id in the digest log table.</summary>
public sealed class TableDigestHistory(AzureTables tables) : IDigestHistory
{
    public async Task<IReadOnlyList<DigestRecord>> ListAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.DigestLog).ConfigureAwait(false);
        var records = new List<DigestRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == subscriberId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(AzureTables.FromJson<DigestRecord>(entity.GetString("Body")));
        }

        return [.. records.OrderBy(r => r.Period, StringComparer.Ordinal)];
    }

    public async Task<int> EraseAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.DigestLog).ConfigureAwait(false);
        var erased = await AzureTables.DeletePartitionAsync(table, subscriberId, _ => true, cancellationToken).ConfigureAwait(false);

        // The subscriber's digest cursor (watermark and claim) lives in the cursor partition.
        var cursor = await table.DeleteEntityAsync(TableDigestLog.CursorPartition, subscriberId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return cursor.Status == 204 ? erased + 1 : erased;
    }
}
