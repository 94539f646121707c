using NkWatch.Core.Messaging;
using NkWatch.Host.Tests.Host;
using NkWatch.Host.Tests.Rpc;

namespace NkWatch.Host.Tests.Pipeline;

/// <summary>Steps of the pipeline as the host fires them, shared by the scenarios.</summary>
internal static class PipelineSteps
{
    /// <summary>SchedulePolls, PollFeed for each feed-poll message, StoreMatch for each match.</summary>
    public static async Task PollAndStoreAsync(FunctionsHost host, QueueListener queues)
    {
        Succeeded(await host.RunTimerAsync("SchedulePolls"));
        Assert.Equal(new QueueDrain(FixtureFeeds.Count, 0, 0), await queues.DrainAsync(QueueNames.FeedPoll));
        var matches = await queues.DrainAsync(QueueNames.Matches);
        Assert.True(matches is { Succeeded: > 0, Failed: 0 }, $"matches: {matches}");
    }

    public static void Succeeded(InvocationResponse response) =>
        Assert.True(response.Result.Status == StatusResult.Types.Status.Success, response.Result.Exception?.Message);
}
