using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace NkWatch.Host.Tests.Host;

/// <summary>
/// What all host tests share: the app published once, and an Azurite of their own. The worker's
/// queue and table names are fixed, so it cannot share an account with test projects running at
/// the same time; each test starts from empty storage.
/// </summary>
public sealed class HostFixture : IAsyncLifetime
{
    private readonly OwnAzurite storage = new();

    public PublishedApp App { get; private set; } = null!;

    public string StorageConnection => storage.ConnectionString;

    public async Task InitializeAsync()
    {
        var publish = PublishedApp.PublishAsync();
        await storage.InitializeAsync();
        App = await publish;
    }

    public async Task DisposeAsync()
    {
        App?.Dispose();
        await storage.DisposeAsync();
    }

    /// <summary>Deletes every queue and table, so a test sees no other test's messages or subscribers.</summary>
    public async Task ResetStorageAsync()
    {
        var queues = new QueueServiceClient(StorageConnection);
        await foreach (var queue in queues.GetQueuesAsync())
        {
            await queues.DeleteQueueAsync(queue.Name);
        }

        var tables = new TableServiceClient(StorageConnection);
        await foreach (var table in tables.QueryAsync())
        {
            await tables.DeleteTableAsync(table.Name);
        }
    }

    private sealed class OwnAzurite() : AzuriteFixture(shareGiven: false);
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "Functions host stand-in";
}
