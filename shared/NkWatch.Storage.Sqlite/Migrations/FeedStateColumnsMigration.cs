using Microsoft.Data.Sqlite;

namespace NkWatch.Storage.Sqlite.Migrations;

/// <summary>Step 2: the feed health columns (last error time, items a day, newest item) and where a feed moved.</summary>
internal static class FeedStateColumnsMigration
{
    private static readonly (string Name, string Type)[] Added =
    [
        ("last_error_at", "TEXT"), ("items_per_day", "REAL NOT NULL DEFAULT 0"), ("newest_item_at", "TEXT"), ("moved_to", "TEXT"),
    ];

    public static void Apply(SqliteConnection connection, SqliteTransaction transaction)
    {
        var existing = SqliteMigrations.Columns(connection, transaction, "feed_state");
        foreach (var (name, type) in Added.Where(c => !existing.Contains(c.Name)))
        {
            SqliteMigrations.Run(connection, transaction, $"ALTER TABLE feed_state ADD COLUMN {name} {type}");
        }
    }
}
