using Microsoft.Azure.Functions.Worker;
using NkWatch.Core.Pipeline;

namespace NkWatch.Functions.Triggers;

/// <summary>Timer (app setting <c>PollSchedule</c>): queues one <c>feed-poll</c> message per due feed.</summary>
public sealed class SchedulePolls(PollScheduler scheduler)
{
    [Function(nameof(SchedulePolls))]
    public Task Run([TimerTrigger("%PollSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        scheduler.ScheduleAsync(cancellationToken);
}
