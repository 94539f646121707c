using Microsoft.Extensions.Logging;
using NkWatch.Core.Messaging;

namespace NkWatch.Core.Pipeline;

/// <summary>
/// Decodes a raw queue message and hands it to its stage. A message that can never be processed
/// (not JSON, another version, a field missing) goes straight to the poison queue, where the
/// operator's alert sees it, instead of being retried five times or dropped.
/// </summary>
public sealed partial class QueueWorker(
    FeedPoller poller,
    MatchRecorder recorder,
    DigestSender sender,
    IMessageQueues queues,
    ILogger<QueueWorker> logger)
{
    public const string PoisonSuffix = "-poison";

    public Task<FeedPollReport?> PollFeedAsync(string body, CancellationToken cancellationToken) =>
        HandleAsync<FeedPollMessage, FeedPollReport>(body, poller.PollAsync, cancellationToken);

    public Task<bool> StoreMatchAsync(string body, CancellationToken cancellationToken) =>
        HandleAsync<MatchMessage, bool>(body, recorder.StoreAsync, cancellationToken);

    public Task<DigestReport?> SendDigestAsync(string body, CancellationToken cancellationToken) =>
        HandleAsync<DigestMessage, DigestReport>(body, sender.SendAsync, cancellationToken);

    /// <summary>Dispatches by queue name (the command line drains all queues through this).</summary>
    public async Task<object?> HandleAsync(string queue, string body, CancellationToken cancellationToken) => queue switch
    {
        QueueNames.FeedPoll => await PollFeedAsync(body, cancellationToken).ConfigureAwait(false),
        QueueNames.Matches => await StoreMatchAsync(body, cancellationToken).ConfigureAwait(false),
        QueueNames.Digests => await SendDigestAsync(body, cancellationToken).ConfigureAwait(false),
        _ => throw new ArgumentOutOfRangeException(nameof(queue), queue, "no handler for this queue"),
    };

    private async Task<TResult?> HandleAsync<TMessage, TResult>(string body, Func<TMessage, CancellationToken, Task<TResult>> handle, CancellationToken cancellationToken)
        where TMessage : class, IQueueMessage
    {
        TMessage message;
        try
        {
            message = MessageCodec.Decode<TMessage>(body);
        }
        catch (InvalidMessageException ex)
        {
            LogInvalid(TMessage.Queue, ex.Message);
            await queues.Get(TMessage.Queue + PoisonSuffix).SendAsync(body, cancellationToken).ConfigureAwait(false);
            return default;
        }

        return await handle(message, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Invalid message on {Queue} moved to the poison queue: {Reason}")]
    private partial void LogInvalid(string queue, string reason);
}
