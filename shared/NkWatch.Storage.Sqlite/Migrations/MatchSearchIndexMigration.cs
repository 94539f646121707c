using Microsoft.Data.Sqlite;
using NkWatch.Core.Matches;

namespace NkWatch.Storage.Sqlite.Migrations;

/// <summary>
/// Step 5: the full-text index of match titles and summaries (FTS5, see <see cref="SqliteMatchStore"/>),
/// with every match already stored indexed. Safe to repeat, as files written while the index was
/// created by the store itself may already hold it.
/// </summary>
internal static class MatchSearchIndexMigration
{
    public static void Apply(SqliteConnection connection, SqliteTransaction transaction)
    {
        SqliteMigrations.Run(connection, transaction, "CREATE VIRTUAL TABLE IF NOT EXISTS match_text USING fts5(item_id UNINDEXED, tokens, tokenize = 'unicode61 remove_diacritics 0')");
        var unindexed = new List<StoredMatch>();
        using (var select = SqliteMigrations.Command(connection, transaction, "SELECT body FROM matches WHERE item_id NOT IN (SELECT item_id FROM match_text)"))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                unindexed.Add(SqliteMatchStore.Read(reader));
            }
        }

        foreach (var match in unindexed)
        {
            using var index = SqliteMatchStore.IndexCommand(connection, match);
            index.Transaction = transaction;
            index.ExecuteNonQuery();
        }
    }
}
