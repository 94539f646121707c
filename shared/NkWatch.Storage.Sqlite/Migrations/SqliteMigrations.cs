using System.Globalization;
using Microsoft.Data.Sqlite;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite.Migrations;

/// <summary>
/// The one ordered list of schema steps. A file records how many it has had in
/// <c>PRAGMA user_version</c>; opening it applies the rest, each once, in one immediate transaction
/// (so two processes opening an old file cannot both upgrade it, and a failed step leaves the file
/// as it was). Files written before the list existed say 0 and may hold any part of the first five
/// steps, so those five are safe to repeat; later steps run on a known schema.
/// </summary>
internal static class SqliteMigrations
{
    private static readonly IReadOnlyList<SqliteMigration> All =
    [
        new("tables of the first release", (c, t) => Run(c, t, BaselineMigration.Tables)),
        new("feed_state health and move columns", FeedStateColumnsMigration.Apply),
        new("rate limits and webhook events", (c, t) => Run(c, t, """
            CREATE TABLE IF NOT EXISTS rate_limits (
                key TEXT NOT NULL, day TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (key, day));
            CREATE INDEX IF NOT EXISTS rate_limits_day ON rate_limits (day);
            CREATE TABLE IF NOT EXISTS webhook_events (event_id TEXT PRIMARY KEY, received_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS webhook_events_received ON webhook_events (received_at);
            """)),
        new("mailbox keys, duplicate mailboxes merged", MailboxKeysMigration.Apply),
        new("search index of matches", MatchSearchIndexMigration.Apply),
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => All.Count;

    /// <summary>Brings the file up to <paramref name="through"/> (tests build older files with a lower one); refuses a file from a newer build.</summary>
    public static void Apply(SqliteConnection connection, string path, int through)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > Latest)
        {
            throw new StateStoreException($"the state file {Path.GetFullPath(path)} was written by a newer NkWatch (schema {version}, this one knows {Latest})");
        }

        foreach (var migration in All.Take(through).Skip(version))
        {
            migration.Apply(connection, transaction);
        }

        if (through > version)
        {
            Run(connection, transaction, $"PRAGMA user_version = {through.ToString(CultureInfo.InvariantCulture)}");
        }

        transaction.Commit();
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    internal static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    internal static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        return command.ExecuteScalar();
    }

    /// <summary>The columns a table has now, for the steps older unversioned files may already have had.</summary>
    internal static HashSet<string> Columns(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        using var command = Command(connection, transaction, "SELECT name FROM pragma_table_info($table)", ("$table", table));
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}

/// <summary>One step of the schema, named for what it adds.</summary>
internal sealed record SqliteMigration(string Name, Action<SqliteConnection, SqliteTransaction> Apply);
