using System.Globalization;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

/// <summary>
/// Period records keyed by subscriber and period; cursors with a version number that every save
/// checks and raises (compare-and-swap), so two workers cannot both take a claim.
/// </summary>
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

    public Task RecordAsync(DigestRecord record, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "INSERT OR REPLACE INTO digest_log (subscriber_id, period, body) VALUES ($s, $p, $body)",
            p =>
            {
                p.AddWithValue("$s", record.SubscriberId);
                p.AddWithValue("$p", record.Period);
                p.AddWithValue("$body", StoredJson.Write(record));
            },
            cancellationToken);

    public async Task<DigestCursor?> GetCursorAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(
            "SELECT body, version FROM digest_cursor WHERE subscriber_id = $s",
            p => p.AddWithValue("$s", subscriberId),
            ReadCursor,
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<DigestCursor>> ListCursorsAsync(CancellationToken cancellationToken) =>
        database.QueryAsync("SELECT body, version FROM digest_cursor", SqliteDatabase.NoParameters, ReadCursor, cancellationToken);

    public async Task<bool> TrySaveCursorAsync(DigestCursor cursor, CancellationToken cancellationToken)
    {
        var body = StoredJson.Write(cursor);
        if (cursor.Version is null)
        {
            return await database.ExecuteAsync(
                "INSERT OR IGNORE INTO digest_cursor (subscriber_id, version, body) VALUES ($s, 1, $body)",
                p =>
                {
                    p.AddWithValue("$s", cursor.SubscriberId);
                    p.AddWithValue("$body", body);
                },
                cancellationToken).ConfigureAwait(false) == 1;
        }

        return await database.ExecuteAsync(
            "UPDATE digest_cursor SET version = version + 1, body = $body WHERE subscriber_id = $s AND version = $v",
            p =>
            {
                p.AddWithValue("$s", cursor.SubscriberId);
                p.AddWithValue("$v", long.Parse(cursor.Version, CultureInfo.InvariantCulture));
                p.AddWithValue("$body", body);
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    private static DigestCursor ReadCursor(Microsoft.Data.Sqlite.SqliteDataReader reader) =>
        StoredJson.Read<DigestCursor>(reader.GetString(0)) with { Version = reader.GetInt64(1).ToString(CultureInfo.InvariantCulture) };
}
