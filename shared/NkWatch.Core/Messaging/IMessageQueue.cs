namespace NkWatch.Core.Messaging;

/// <summary>A received message and the handle to complete it.</summary>
public sealed record ReceivedMessage(string Body, int DequeueCount, MessageReceipt Receipt);

/// <summary>What completing a received message needs: the message's id in its queue and the receipt of this delivery.</summary>
public sealed record MessageReceipt(string MessageId, string PopReceipt);

/// <summary>
/// A work queue: Azure Storage queues in the function app, a SQLite table for the embedded default.
/// Bodies are JSON text; adapters handle transport encoding (Base64 for Azure).
/// </summary>
public interface IMessageQueue
{
    string Name { get; }

    Task SendAsync(string body, CancellationToken cancellationToken);

    /// <summary>Receives up to <paramref name="max"/> messages and hides them for <paramref name="visibility"/>.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken cancellationToken);

    Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);
}

/// <summary>Gives the queue of each name.</summary>
public interface IMessageQueues
{
    IMessageQueue Get(string name);
}

/// <summary>Puts typed messages on their queues.</summary>
public sealed class MessagePublisher(IMessageQueues queues)
{
    public Task PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : IQueueMessage =>
        queues.Get(T.Queue).SendAsync(MessageCodec.Encode(message), cancellationToken);
}
