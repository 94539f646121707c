using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using NkWatch.Core.Messaging;

namespace NkWatch.Storage.Azure;

/// <summary>Azure Storage queues; each is created on first use.</summary>
public sealed class AzureMessageQueues(AzureStorageAccount account) : IMessageQueues
{
    private readonly QueueServiceClient service = account.Queues();
    private readonly ConcurrentDictionary<string, AzureMessageQueue> queues = new(StringComparer.Ordinal);

    public IMessageQueue Get(string name) => queues.GetOrAdd(name, n => new AzureMessageQueue(service.GetQueueClient(account.NamePrefix + n), n));
}

internal sealed class AzureMessageQueue(QueueClient client, string name) : IMessageQueue
{
    private readonly Lazy<Task> created = new(() => client.CreateIfNotExistsAsync());

    public string Name => name;

    public async Task SendAsync(string body, CancellationToken cancellationToken)
    {
        await created.Value.ConfigureAwait(false);
        await client.SendMessageAsync(body, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken cancellationToken)
    {
        await created.Value.ConfigureAwait(false);
        QueueMessage[] messages = await client.ReceiveMessagesAsync(Math.Clamp(max, 1, 32), visibility, cancellationToken).ConfigureAwait(false);
        return [.. messages.Select(m => new ReceivedMessage(m.Body.ToString(), (int)m.DequeueCount, m))];
    }

    public async Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var queued = (QueueMessage)message.Receipt;
        await client.DeleteMessageAsync(queued.MessageId, queued.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await created.Value.ConfigureAwait(false);
        QueueProperties properties = await client.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        return properties.ApproximateMessagesCount;
    }
}
