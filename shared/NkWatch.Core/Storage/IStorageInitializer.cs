namespace NkWatch.Core.Storage;

/// <summary>
/// A storage adapter's own preparation (its tables and queues created, its file migrated), begun by
/// the host's start-up work. Each adapter still prepares on first use when this failed or has not
/// finished, so a host never depends on it having run.
/// </summary>
public interface IStorageInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
