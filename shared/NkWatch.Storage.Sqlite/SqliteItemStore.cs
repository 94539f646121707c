using System.Globalization;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

/// <summary>Seen item keys in the <c>items</c> table; a poll looks its keys up in one query and records them in one transaction.</summary>
public sealed class SqliteItemStore(SqliteDatabase database) : IItemStore
{
    // SQLite's default limit on host parameters is 32766; stay far below it.
    private const int LookupChunk = 500;

    public async Task<IReadOnlySet<string>> FindSeenAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(LookupChunk))
        {
            var names = chunk.Select((_, i) => "$k" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var rows = await database.QueryAsync(
                $"SELECT item_id FROM items WHERE item_id IN ({string.Join(',', names)})",
                p =>
                {
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        p.AddWithValue(names[i], chunk[i]);
                    }
                },
                r => r.GetString(0),
                cancellationToken).ConfigureAwait(false);
            seen.UnionWith(rows);
        }

        return seen;
    }

    public async Task AddAsync(IReadOnlyCollection<string> keys, string feedId, DateTimeOffset firstSeen, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = (Microsoft.Data.Sqlite.SqliteTransaction)transaction;
        command.CommandText = "INSERT OR IGNORE INTO items (item_id, feed_id, first_seen) VALUES ($id, $feed, $seen)";
        var id = command.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
        command.Parameters.AddWithValue("$feed", feedId);
        command.Parameters.AddWithValue("$seen", firstSeen.ToString("O", CultureInfo.InvariantCulture));
        foreach (var key in keys)
        {
            id.Value = key;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
