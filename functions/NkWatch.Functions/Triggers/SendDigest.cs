using Microsoft.Azure.Functions.Worker;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;

namespace NkWatch.Functions.Triggers;

/// <summary>Queue <c>digests</c>: renders and sends one subscriber's digest for one period, once.</summary>
public sealed class SendDigest(QueueWorker worker)
{
    [Function(nameof(SendDigest))]
    public Task Run([QueueTrigger(QueueNames.Digests)] string message, CancellationToken cancellationToken) =>
        worker.SendDigestAsync(message, cancellationToken);
}
