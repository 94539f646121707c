using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

/// <summary>One subscriber's rows of the digest log, for a data request.</summary>
public sealed class SqliteDigestHistory(SqliteDatabase database) : IDigestHistory
{
    public Task<IReadOnlyList<DigestRecord>> ListAsync(string subscriberId, CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT body FROM digest_log WHERE subscriber_id = $s ORDER BY period",
            p => p.AddWithValue("$s", subscriberId),
            r => StoredJson.Read<DigestRecord>(r.GetString(0)),
            cancellationToken);

    public Task<int> EraseAsync(string subscriberId, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "DELETE FROM digest_log WHERE subscriber_id = $s; DELETE FROM digest_cursor WHERE subscriber_id = $s",
            p => p.AddWithValue("$s", subscriberId),
            cancellationToken);
}
