using Microsoft.Data.Sqlite;
using NkWatch.Core.Storage;
using NkWatch.Storage.Sqlite.Migrations;

namespace NkWatch.Storage.Sqlite;

/// <summary>The embedded default's state: one SQLite file, brought to this build's schema when opened (<see cref="SqliteMigrations"/>).</summary>
public sealed class SqliteDatabase
{
    private readonly string connectionString;

    public SqliteDatabase(string path)
        : this(path, SqliteMigrations.Latest)
    {
    }

    /// <summary>A file with only the first <paramref name="schemaVersion"/> migrations: how tests build the files older releases wrote.</summary>
    internal SqliteDatabase(string path, int schemaVersion)
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
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL";
                wal.ExecuteNonQuery();
            }

            SqliteMigrations.Apply(connection, path, schemaVersion);

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
