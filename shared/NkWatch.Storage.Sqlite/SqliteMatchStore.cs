using NkWatch.Core.Digests;
using NkWatch.Core.Matches;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

public sealed class SqliteMatchStore(SqliteDatabase database) : IMatchStore
{
    public async Task<bool> AddAsync(StoredMatch match, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "INSERT OR IGNORE INTO matches (item_id, feed_id, stored_at, body) VALUES ($id, $feed, $at, $body)",
            p =>
            {
                p.AddWithValue("$id", match.ItemId);
                p.AddWithValue("$feed", match.FeedId);
                p.AddWithValue("$at", match.StoredAt.UtcTicks);
                p.AddWithValue("$body", StoredJson.Write(match));
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public async Task<StoredMatch?> GetAsync(string itemId, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync("SELECT body FROM matches WHERE item_id = $id", p => p.AddWithValue("$id", itemId), r => StoredJson.Read<StoredMatch>(r.GetString(0)), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<StoredMatch>> ListStoredBetweenAsync(DigestWindow window, CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT body FROM matches WHERE stored_at > $after AND stored_at <= $upTo ORDER BY stored_at, item_id",
            p =>
            {
                p.AddWithValue("$after", window.Start.UtcTicks);
                p.AddWithValue("$upTo", window.End.UtcTicks);
            },
            r => StoredJson.Read<StoredMatch>(r.GetString(0)),
            cancellationToken);

    public Task<IReadOnlyList<StoredMatch>> ListLatestAsync(int count, CancellationToken cancellationToken) =>
        database.QueryAsync(
            "SELECT body FROM matches ORDER BY stored_at DESC, item_id LIMIT $n",
            p => p.AddWithValue("$n", count),
            r => StoredJson.Read<StoredMatch>(r.GetString(0)),
            cancellationToken);
}
