using Microsoft.Extensions.DependencyInjection;
using NkWatch.Storage.Sqlite;

namespace NkWatch.Integration.Tests.Storage;

public sealed class SqliteStoreContractTests : StoreContract
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "nkwatch-tests", Guid.NewGuid().ToString("N"), "state.db");

    protected override void AddStorage(IServiceCollection services) => services.AddNkWatchSqlite(path);
}
