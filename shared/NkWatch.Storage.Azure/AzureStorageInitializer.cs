using NkWatch.Core.Messaging;
using NkWatch.Core.Storage;

namespace NkWatch.Storage.Azure;

/// <summary>Creates every table and queue at start-up, through the same clients that would otherwise create each on first use.</summary>
public sealed class AzureStorageInitializer(AzureTables tables, IMessageQueues queues) : IStorageInitializer
{
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        Task.WhenAll([
            .. TableNames.All.Select(name => tables.GetAsync(name).WaitAsync(cancellationToken)),

            // Queues of another kind (a test's wrapper) create themselves on first use.
            .. queues is AzureMessageQueues azure ? QueueNames.All.Select(name => azure.CreateAsync(name, cancellationToken)) : Enumerable.Empty<Task>(),
        ]);
}
