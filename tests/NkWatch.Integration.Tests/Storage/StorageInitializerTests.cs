using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;
using NkWatch.Integration.Tests.Infrastructure;
using NkWatch.Storage.Azure;
using NkWatch.Storage.Sqlite;
using NkWatch.Storage.Sqlite.Migrations;
using NkWatch.Testing;

namespace NkWatch.Integration.Tests.Storage;

/// <summary>What the start-up work asks of each adapter: every table and queue there before the first use, the state file migrated.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageInitializerTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    [Fact]
    public async Task TheAzureAdapterCreatesEveryTableAndQueue()
    {
        var account = azurite.IsolatedAccount();
        using var services = new ServiceCollection().AddNkWatchAzureStorage(account).BuildServiceProvider();

        await Assert.Single(services.GetServices<IStorageInitializer>()).InitializeAsync(CancellationToken.None);

        var tables = new List<string>();
        await foreach (var table in services.GetRequiredService<TableServiceClient>().QueryAsync(t => t.Name.CompareTo(account.NamePrefix) >= 0))
        {
            if (table.Name.StartsWith(account.NamePrefix, StringComparison.Ordinal))
            {
                tables.Add(table.Name[account.NamePrefix.Length..]);
            }
        }

        var queues = new List<string>();
        await foreach (var queue in services.GetRequiredService<QueueServiceClient>().GetQueuesAsync(prefix: account.NamePrefix))
        {
            queues.Add(queue.Name[account.NamePrefix.Length..]);
        }

        Assert.Equal(TableNames.All.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        Assert.Equal(QueueNames.All.Order(StringComparer.Ordinal), queues.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheSqliteAdapterCreatesAndMigratesTheStateFile()
    {
        var path = temp.Combine("nkwatch.db");
        using var services = new ServiceCollection().AddNkWatchSqlite(path).BuildServiceProvider();
        var initializer = Assert.Single(services.GetServices<IStorageInitializer>());
        Assert.False(File.Exists(path));

        await initializer.InitializeAsync(CancellationToken.None);

        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        Assert.Equal((long)SqliteMigrations.Latest, await command.ExecuteScalarAsync());
    }
}
