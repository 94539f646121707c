using Microsoft.Data.Sqlite;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

/// <summary>The embedded default's state: one SQLite file, its schema created on first use.</summary>
public sealed class SqliteDatabase
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS feed_state (
            feed_id TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, last_polled_at TEXT, last_success_at TEXT,
            last_error TEXT, consecutive_failures INTEGER NOT NULL DEFAULT 0, next_poll_at TEXT, items_seen INTEGER NOT NULL DEFAULT 0,
            last_error_at TEXT, items_per_day REAL NOT NULL DEFAULT 0, newest_item_at TEXT, moved_to TEXT);
        CREATE TABLE IF NOT EXISTS items (
            item_id TEXT PRIMARY KEY, feed_id TEXT NOT NULL, first_seen TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS matches (
            item_id TEXT PRIMARY KEY, feed_id TEXT NOT NULL, stored_at INTEGER NOT NULL, body TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS matches_stored_at ON matches (stored_at);
        CREATE TABLE IF NOT EXISTS subscribers (
            id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS digest_log (
            subscriber_id TEXT NOT NULL, period TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (subscriber_id, period));
        CREATE TABLE IF NOT EXISTS story_members (
            item_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS story_members_at ON story_members (at);
        CREATE TABLE IF NOT EXISTS digest_cursor (
            subscriber_id TEXT PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS queue_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT, queue TEXT NOT NULL, body TEXT NOT NULL,
            visible_at INTEGER NOT NULL, dequeue_count INTEGER NOT NULL DEFAULT 0, pop_receipt TEXT);
        CREATE INDEX IF NOT EXISTS queue_messages_visible ON queue_messages (queue, visible_at);
        """;

    private readonly string connectionString;

    public SqliteDatabase(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            OwnerOnly.Folder(directory);
        }

        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = Schema;
            command.ExecuteNonQuery();

            // Every address is in here: readable by its owner only (and so are the journal files).
            OwnerOnly.Files(path, path + "-wal", path + "-shm");
        }
        catch (SqliteException ex)
        {
            throw new StateStoreException($"the state file {Path.GetFullPath(path)} cannot be used: {ex.Message} (move it aside to start afresh)", ex);
        }
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public async Task<int> ExecuteAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Action<SqliteParameterCollection> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static void NoParameters(SqliteParameterCollection parameters)
    {
    }
}
