using Microsoft.Azure.Functions.Worker;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;

namespace NkWatch.Functions.Triggers;

/// <summary>Queue <c>matches</c>: stores one match, idempotently.</summary>
public sealed class StoreMatch(QueueWorker worker)
{
    [Function(nameof(StoreMatch))]
    public Task Run([QueueTrigger(QueueNames.Matches)] string message, CancellationToken cancellationToken) =>
        worker.StoreMatchAsync(message, cancellationToken);
}
