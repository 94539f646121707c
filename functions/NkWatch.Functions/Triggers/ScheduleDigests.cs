using Microsoft.Azure.Functions.Worker;
using NkWatch.Core.Pipeline;

namespace NkWatch.Functions.Triggers;

/// <summary>Timer (app setting <c>DigestSchedule</c>): queues one <c>digests</c> message per subscriber who is due.</summary>
public sealed class ScheduleDigests(DigestScheduler scheduler)
{
    [Function(nameof(ScheduleDigests))]
    public Task Run([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        scheduler.ScheduleAsync(cancellationToken);
}
