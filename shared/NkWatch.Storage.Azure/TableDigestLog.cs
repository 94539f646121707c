using Azure.Data.Tables;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Azure;

/// <summary>The digest log: partition = subscriber id, row = period; adding twice is refused with 409.</summary>
public sealed class TableDigestLog(AzureTables tables) : IDigestLog
{
    public async Task<DigestRecord?> GetAsync(string subscriberId, string period, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.DigestLog).ConfigureAwait(false);
        var entity = await AzureTables.FindAsync(table, subscriberId, period, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : AzureTables.FromJson<DigestRecord>(entity.GetString("Body"));
    }

    public async Task<bool> AddAsync(DigestRecord record, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.DigestLog).ConfigureAwait(false);
        var entity = new TableEntity(record.SubscriberId, record.Period)
        {
            ["Body"] = AzureTables.ToJson(record),
            ["Outcome"] = record.Outcome,
        };
        return await AzureTables.TryAddAsync(table, entity, cancellationToken).ConfigureAwait(false);
    }
}
