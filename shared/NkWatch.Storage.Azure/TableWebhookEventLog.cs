using Azure.Data.Tables;
using NkWatch.Core.Feeds;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Azure;

/// <summary>
/// Event ids already acted on. Provider ids may hold characters table keys forbid, so the key is a
/// hash; its first two characters spread the rows over 256 partitions.
/// </summary>
public sealed class TableWebhookEventLog(AzureTables tables) : IWebhookEventLog
{
    public async Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.WebhookEvents).ConfigureAwait(false);
        var (partition, row) = Keys(eventId);
        return await AzureTables.FindAsync(table, partition, row, cancellationToken).ConfigureAwait(false) is not null;
    }

    public async Task<bool> TryRecordAsync(string eventId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.WebhookEvents).ConfigureAwait(false);
        var (partition, row) = Keys(eventId);
        return await AzureTables.TryAddAsync(table, new TableEntity(partition, row) { ["ReceivedAt"] = receivedAt }, cancellationToken).ConfigureAwait(false);
    }

    private static (string Partition, string Row) Keys(string eventId)
    {
        var hash = ItemIdentity.Hash("event:" + eventId);
        return (hash[..2], hash);
    }
}
