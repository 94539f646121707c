using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using NkWatch.Core.Concurrency;
using NkWatch.Core.Messaging;

namespace NkWatch.Storage.Azure;

/// <summary>Azure Storage queues; each is created at start-up (<see cref="AzureStorageInitializer"/>) or on first use (tried again on the next use if that failed).</summary>
public sealed class AzureMessageQueues(QueueServiceClient service, AzureStorageAccount account) : IMessageQueues
{
    private readonly ConcurrentDictionary<string, AzureMessageQueue> queues = new(StringComparer.Ordinal);

    public IMessageQueue Get(string name) => Queue(name);

    /// <summary>Creates the queue now rather than on its first use.</summary>
    internal Task CreateAsync(string name, CancellationToken cancellationToken) => Queue(name).CreateAsync(cancellationToken);

    private AzureMessageQueue Queue(string name) => queues.GetOrAdd(name, n => new AzureMessageQueue(service.GetQueueClient(account.NamePrefix + n), n));
}

internal sealed class AzureMessageQueue(QueueClient client, string name) : IMessageQueue
{
    private readonly AsyncOnce<QueueClient> created = new(async () =>
    {
        await client.CreateIfNotExistsAsync().ConfigureAwait(false);
        return client;
    });

    public string Name => name;

    public Task CreateAsync(CancellationToken cancellationToken) => created.GetAsync(cancellationToken);

    public async Task SendAsync(string body, CancellationToken cancellationToken)
    {
        var queue = await created.GetAsync(cancellationToken).ConfigureAwait(false);
        await queue.SendMessageAsync(body, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var queue = await created.GetAsync(cancellationToken).ConfigureAwait(false);
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(Math.Clamp(max, 1, 32), visibility, cancellationToken).ConfigureAwait(false);
        return [.. messages.Select(m => new ReceivedMessage(m.Body.ToString(), (int)m.DequeueCount, new MessageReceipt(m.MessageId, m.PopReceipt)))];
    }

    public async Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        await client.DeleteMessageAsync(message.Receipt.MessageId, message.Receipt.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var queue = await created.GetAsync(cancellationToken).ConfigureAwait(false);
        QueueProperties properties = await queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        return properties.ApproximateMessagesCount;
    }
}
