using NkWatch.Core.Storage;

namespace NkWatch.Storage.Sqlite;

/// <summary>
/// Opens the state file at start-up, which applies its migrations (<see cref="SqliteDatabase"/>).
/// The database is resolved here, on the thread pool, not when the host builds its services: the
/// work and a failure of it stay off the host's start.
/// </summary>
public sealed class SqliteStorageInitializer(Func<SqliteDatabase> open) : IStorageInitializer
{
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.Run(() => _ = open(), cancellationToken);
}
