using System.Globalization;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

public sealed class SqliteItemStore(SqliteDatabase database) : IItemStore
{
    public async Task<bool> ContainsAsync(string itemId, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync("SELECT 1 FROM items WHERE item_id = $id", p => p.AddWithValue("$id", itemId), r => true, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0;
    }

    public async Task<bool> AddAsync(string itemId, string feedId, DateTimeOffset firstSeen, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "INSERT OR IGNORE INTO items (item_id, feed_id, first_seen) VALUES ($id, $feed, $seen)",
            p =>
            {
                p.AddWithValue("$id", itemId);
                p.AddWithValue("$feed", feedId);
                p.AddWithValue("$seen", firstSeen.ToString("O", CultureInfo.InvariantCulture));
            },
            cancellationToken).ConfigureAwait(false) == 1;
}
