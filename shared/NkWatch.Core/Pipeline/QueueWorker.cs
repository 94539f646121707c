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

    /// <summary>
    /// Several digest messages at once (the command line): identical digests share one SendGrid
    /// request. An invalid message goes to the poison queue and has no report (null in its place).
    /// </summary>
    public async Task<IReadOnlyList<DigestReport?>> SendDigestsAsync(IReadOnlyList<string> bodies, CancellationToken cancellationToken)
    {
        var reports = new DigestReport?[bodies.Count];
        var decoded = new List<(int Index, DigestMessage Message)>();
        for (var i = 0; i < bodies.Count; i++)
        {
            if (await DecodeAsync<DigestMessage>(bodies[i], cancellationToken).ConfigureAwait(false) is { } message)
            {
                decoded.Add((i, message));
            }
        }

        var sent = await sender.SendBatchAsync([.. decoded.Select(d => d.Message)], cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < decoded.Count; k++)
        {
            reports[decoded[k].Index] = sent[k];
        }

        return reports;
    }

    private async Task<TResult?> HandleAsync<TMessage, TResult>(string body, Func<TMessage, CancellationToken, Task<TResult>> handle, CancellationToken cancellationToken)
        where TMessage : class, IQueueMessage
    {
        var message = await DecodeAsync<TMessage>(body, cancellationToken).ConfigureAwait(false);
        return message is null ? default : await handle(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TMessage?> DecodeAsync<TMessage>(string body, CancellationToken cancellationToken)
        where TMessage : class, IQueueMessage
    {
        try
        {
            return MessageCodec.Decode<TMessage>(body);
        }
        catch (InvalidMessageException ex)
        {
            LogInvalid(TMessage.Queue, ex.Message);
            await queues.Get(TMessage.Queue + PoisonSuffix).SendAsync(body, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Invalid message on {Queue} moved to the poison queue: {Reason}")]
    private partial void LogInvalid(string queue, string reason);
}
