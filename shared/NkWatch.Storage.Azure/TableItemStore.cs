using Azure.Data.Tables;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Azure;

/// <summary>Processed items, one partition per item id (ids are hex hashes, safe as keys).</summary>
public sealed class TableItemStore(AzureTables tables) : IItemStore
{
    private const string Row = "seen";

    public async Task<bool> ContainsAsync(string itemId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Items).ConfigureAwait(false);
        return await AzureTables.FindAsync(table, itemId, Row, cancellationToken).ConfigureAwait(false) is not null;
    }

    public async Task<bool> AddAsync(string itemId, string feedId, DateTimeOffset firstSeen, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.Items).ConfigureAwait(false);
        var entity = new TableEntity(itemId, Row) { ["FeedId"] = feedId, ["FirstSeen"] = firstSeen };
        return await AzureTables.TryAddAsync(table, entity, cancellationToken).ConfigureAwait(false);
    }
}
