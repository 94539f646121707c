using Azure;
using Azure.Data.Tables;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Azure;

/// <summary>
/// The digest log in one table: period records (partition = subscriber id, row = period) and
/// cursors (partition "cursor", row = subscriber id, so the scheduler reads them all in one
/// partition query). A cursor is saved only with the ETag it was read with: Add for a new one
/// (409 when another worker made it first), Replace with If-Match otherwise (412 when it changed).
/// </summary>
public sealed class TableDigestLog(AzureTables tables) : IDigestLog
{
    public const string CursorPartition = "cursor";

    public async Task<DigestRecord?> GetAsync(string subscriberId, string period, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.DigestLog).ConfigureAwait(false);
        var entity = await AzureTables.FindAsync(table, subscriberId, period, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : AzureTables.FromJson<DigestRecord>(entity.GetString("Body"));
    }

    public async Task RecordAsync(DigestRecord record, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.DigestLog).ConfigureAwait(false);
        var entity = new TableEntity(record.SubscriberId, record.Period)
        {
            ["Body"] = AzureTables.ToJson(record),
            ["Outcome"] = record.Outcome.Name(),
            ["DigestId"] = record.DigestId,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DigestCursor?> GetCursorAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.DigestLog).ConfigureAwait(false);
        var entity = await AzureTables.FindAsync(table, CursorPartition, subscriberId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ReadCursor(entity);
    }

    public async Task<IReadOnlyList<DigestCursor>> ListCursorsAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.DigestLog).ConfigureAwait(false);
        var cursors = new List<DigestCursor>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == CursorPartition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            cursors.Add(ReadCursor(entity));
        }

        return cursors;
    }

    public async Task<bool> TrySaveCursorAsync(DigestCursor cursor, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableNames.DigestLog).ConfigureAwait(false);
        var entity = new TableEntity(CursorPartition, cursor.SubscriberId) { ["Body"] = AzureTables.ToJson(cursor) };
        if (cursor.Version is null)
        {
            return await AzureTables.TryAddAsync(table, entity, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await table.UpdateEntityAsync(entity, new ETag(cursor.Version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    private static DigestCursor ReadCursor(TableEntity entity) =>
        AzureTables.FromJson<DigestCursor>(entity.GetString("Body")) with { Version = entity.ETag.ToString() };
}
