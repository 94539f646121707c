using Microsoft.Extensions.Logging;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;

namespace NkWatch.Cli.Hosting;

/// <summary>
/// One pass of the pipeline in one process, over the same queues the function app uses: schedule
/// the due feeds, poll them (several at once), store the matches, schedule and send the digests
/// that are due. A message whose handling fails stays hidden until the next pass and is moved to
/// the poison queue after five attempts, as the Functions host would do.
/// </summary>
internal sealed partial class LocalRunner(
    PollScheduler polls,
    DigestScheduler digests,
    QueueWorker worker,
    IMessageQueues queues,
    ILogger<LocalRunner> logger)
{
    public const int MaxDequeueCount = 5;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(5);

    public async Task<PassReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        await polls.ScheduleAsync(cancellationToken).ConfigureAwait(false);
        var feeds = await DrainAsync<FeedPollReport>(QueueNames.FeedPoll, parallelism: 8, cancellationToken).ConfigureAwait(false);
        await DrainAsync<bool>(QueueNames.Matches, parallelism: 1, cancellationToken).ConfigureAwait(false);
        await digests.ScheduleAsync(cancellationToken).ConfigureAwait(false);
        var sent = await DrainAsync<DigestReport>(QueueNames.Digests, parallelism: 4, cancellationToken).ConfigureAwait(false);
        return new PassReport(feeds, sent);
    }

    private async Task<List<T>> DrainAsync<T>(string queueName, int parallelism, CancellationToken cancellationToken)
    {
        var queue = queues.Get(queueName);
        var results = new List<T>();
        while (true)
        {
            var batch = await queue.ReceiveAsync(16, RetryDelay, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return results;
            }

            var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(batch, options, async (message, token) =>
            {
                var result = await HandleAsync(queue, message, token).ConfigureAwait(false);
                if (result is T typed)
                {
                    lock (results)
                    {
                        results.Add(typed);
                    }
                }
            }).ConfigureAwait(false);
        }
    }

    private async Task<object?> HandleAsync(IMessageQueue queue, ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var result = await worker.HandleAsync(queue.Name, message.Body, cancellationToken).ConfigureAwait(false);
            await queue.CompleteAsync(message, cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(queue.Name, message.DequeueCount, ex.Message);
            if (message.DequeueCount >= MaxDequeueCount)
            {
                await queues.Get(queue.Name + QueueWorker.PoisonSuffix).SendAsync(message.Body, cancellationToken).ConfigureAwait(false);
                await queue.CompleteAsync(message, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Queue} message failed (attempt {Attempt}): {Reason}")]
    private partial void LogFailed(string queue, int attempt, string reason);
}

internal sealed record PassReport(IReadOnlyList<FeedPollReport> Feeds, IReadOnlyList<DigestReport> Digests);
