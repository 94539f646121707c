using Microsoft.Extensions.Logging;
using NkWatch.Core.Feeds;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;
using NkWatch.Email;

namespace NkWatch.Cli.Hosting;

/// <summary>
/// One pass of the pipeline in one process, over the same queues the function app uses: schedule
/// the due feeds, poll them (several at once), store the matches, schedule and send the digests
/// that are due. A message whose handling fails stays hidden until the next pass and is moved to
/// the poison queue after five attempts, as the Functions host would do.
/// </summary>
internal sealed partial class LocalRunner(
    PollScheduler polls,
    FeedPoller poller,
    DigestScheduler digests,
    QueueWorker worker,
    DigestSender sender,
    OutboxEmailSender outbox,
    IMessageQueues queues,
    ILogger<LocalRunner> logger)
{
    public const int MaxDequeueCount = 5;

    /// <summary>Azure queues hand out at most 32 messages per receive.</summary>
    private const int DigestBatchSize = 32;
    private const int FeedParallelism = 8;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After a crash, for a caller that holds the data folder's lock: the digests the dead process
    /// had claimed are taken over by this pass at once (same windows, same digest ids) instead of
    /// after their lease, and its half-written outbox files are removed.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var released = await sender.ReleaseHeldClaimsAsync(cancellationToken).ConfigureAwait(false);
        var removed = outbox.RemoveUnfinishedFiles();
        if (released > 0 || removed > 0)
        {
            LogRecovered(released, removed);
        }
    }

    /// <param name="polled">Told of each feed's poll as it ends (progress).</param>
    public async Task<PassReport> RunOnceAsync(Action<FeedPollReport> polled, CancellationToken cancellationToken)
    {
        await polls.ScheduleAsync(cancellationToken).ConfigureAwait(false);
        var feeds = await DrainAsync(QueueNames.FeedPoll, FeedParallelism, polled, cancellationToken).ConfigureAwait(false);
        await DrainAsync<bool>(QueueNames.Matches, parallelism: 1, handled: null, cancellationToken).ConfigureAwait(false);
        await digests.ScheduleAsync(cancellationToken).ConfigureAwait(false);
        var sent = await DrainDigestsAsync(cancellationToken).ConfigureAwait(false);
        return new PassReport(feeds, sent);
    }

    /// <summary>
    /// Polls the given feeds at once, whatever their schedule, and stores their matches; digests
    /// are left to the next pass. A feed whose poll throws (its state could not be read or saved)
    /// is reported as failed without stopping the others.
    /// </summary>
    public async Task<IReadOnlyList<FeedPollReport>> PollNowAsync(IReadOnlyList<FeedSource> feeds, Action<FeedPollReport> polled, CancellationToken cancellationToken)
    {
        var reports = new FeedPollReport[feeds.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = FeedParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, feeds.Count), options, async (index, token) =>
        {
            try
            {
                reports[index] = await poller.PollNowAsync(feeds[index], token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                LogFailed(QueueNames.FeedPoll, 1, ex.Message);
                reports[index] = new FeedPollReport(feeds[index].Id, PollOutcome.Failed, 0, 0, 0, ex.Message);
            }

            polled(reports[index]);
        }).ConfigureAwait(false);

        await DrainAsync<bool>(QueueNames.Matches, parallelism: 1, handled: null, cancellationToken).ConfigureAwait(false);
        return reports;
    }

    private async Task<List<T>> DrainAsync<T>(string queueName, int parallelism, Action<T>? handled, CancellationToken cancellationToken)
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

                    handled?.Invoke(typed);
                }
            }).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Digests go to the sender a queue batch at a time, so identical ones share a SendGrid request.
    /// A deferred one is left on the queue like a failed message: back on the next pass, poisoned after five.
    /// </summary>
    private async Task<List<DigestReport>> DrainDigestsAsync(CancellationToken cancellationToken)
    {
        var queue = queues.Get(QueueNames.Digests);
        var results = new List<DigestReport>();
        while (await queue.ReceiveAsync(DigestBatchSize, RetryDelay, cancellationToken).ConfigureAwait(false) is { Count: > 0 } batch)
        {
            IReadOnlyList<DigestReport?> reports;
            try
            {
                reports = await worker.SendDigestsAsync([.. batch.Select(m => m.Body)], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The batch failed as a whole (its store, say): its messages come back later, the pass goes on.
                foreach (var message in batch)
                {
                    await FailAsync(queue, message, ex.Message, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                if (reports[i] is { Outcome: DigestOutcome.Deferred } deferred)
                {
                    // Shown in the pass's summary too, so the person sees why it did not go.
                    await FailAsync(queue, batch[i], deferred.Detail ?? "deferred", cancellationToken).ConfigureAwait(false);
                    results.Add(deferred);
                    continue;
                }

                await queue.CompleteAsync(batch[i], cancellationToken).ConfigureAwait(false);
                if (reports[i] is { } report)
                {
                    results.Add(report);
                }
            }
        }

        return results;
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
            await FailAsync(queue, message, ex.Message, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    private async Task FailAsync(IMessageQueue queue, ReceivedMessage message, string reason, CancellationToken cancellationToken)
    {
        LogFailed(queue.Name, message.DequeueCount, reason);
        if (message.DequeueCount >= MaxDequeueCount)
        {
            await queues.Get(queue.Name + QueueWorker.PoisonSuffix).SendAsync(message.Body, cancellationToken).ConfigureAwait(false);
            await queue.CompleteAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovered from an interrupted run: {Claims} digest claims taken over, {Files} unfinished outbox files removed")]
    private partial void LogRecovered(int claims, int files);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {Queue} message failed (attempt {Attempt}): {Reason}")]
    private partial void LogFailed(string queue, int attempt, string reason);
}

internal sealed record PassReport(IReadOnlyList<FeedPollReport> Feeds, IReadOnlyList<DigestReport> Digests);
