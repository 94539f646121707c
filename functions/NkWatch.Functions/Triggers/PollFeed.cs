using Microsoft.Azure.Functions.Worker;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;

namespace NkWatch.Functions.Triggers;

/// <summary>Queue <c>feed-poll</c>: fetches, parses and classifies one feed; queues its matches.</summary>
public sealed class PollFeed(QueueWorker worker)
{
    [Function(nameof(PollFeed))]
    public Task Run([QueueTrigger(QueueNames.FeedPoll)] string message, CancellationToken cancellationToken) =>
        worker.PollFeedAsync(message, cancellationToken);
}
