using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

public sealed class SqliteDigestLog(SqliteDatabase database) : IDigestLog
{
    public async Task<DigestRecord?> GetAsync(string subscriberId, string period, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(
            "SELECT body FROM digest_log WHERE subscriber_id = $s AND period = $p",
            p =>
            {
                p.AddWithValue("$s", subscriberId);
                p.AddWithValue("$p", period);
            },
            r => StoredJson.Read<DigestRecord>(r.GetString(0)),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<bool> AddAsync(DigestRecord record, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "INSERT OR IGNORE INTO digest_log (subscriber_id, period, body) VALUES ($s, $p, $body)",
            p =>
            {
                p.AddWithValue("$s", record.SubscriberId);
                p.AddWithValue("$p", record.Period);
                p.AddWithValue("$body", StoredJson.Write(record));
            },
            cancellationToken).ConfigureAwait(false) == 1;
}
