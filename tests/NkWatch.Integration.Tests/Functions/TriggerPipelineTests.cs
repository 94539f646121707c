using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NkWatch.Core.Messaging;
using NkWatch.Core.Subscriptions;
using NkWatch.Functions.Triggers;
using NkWatch.Integration.Tests.Infrastructure;

namespace NkWatch.Integration.Tests.Functions;

/// <summary>
/// The function app's five triggers, called as the host calls them, over Azurite's real queues
/// and tables: timer → feed-poll → matches → digests → one email.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TriggerPipelineTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TempDirectory temp = new();

    private string Work => temp.Path;

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task TriggersCarryAFeedItemToOneEmail()
    {
        await using var server = await FeedServer.StartAsync(("/wire.xml", "wire.xml", "application/rss+xml"));
        var feeds = FeedServer.WriteCatalog(Work, server, ("wire", "/wire.xml"));
        var outbox = Path.Combine(Work, "outbox");
        await using var services = FunctionTestHost.Services(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Feeds:Source"] = feeds,
            ["Outbox:Directory"] = outbox,
            ["Digests:VisibilityMarginSeconds"] = "0",
        });
        await services.GetRequiredService<SubscriberDirectory>().AddConfirmedAsync("desk@example.org", Frequency.Instant, [], default);
        var queues = services.GetRequiredService<IMessageQueues>();
        var timer = new TimerInfo();

        await Create<SchedulePolls>(services).Run(timer, default);
        await DrainAsync(queues, QueueNames.FeedPoll, body => Create<PollFeed>(services).Run(body, default));
        await DrainAsync(queues, QueueNames.Matches, body => Create<StoreMatch>(services).Run(body, default));
        await Create<ScheduleDigests>(services).Run(timer, default);
        var digests = await DrainAsync(queues, QueueNames.Digests, body => Create<SendDigest>(services).Run(body, default));

        Assert.Equal(1, digests);
        var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(outbox, "*.eml")));
        Assert.Equal("desk@example.org", message.To.Mailboxes.Single().Address);
        Assert.Contains("UN rights experts urge ICC referral of North Korea", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("KOSPI", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidMessageGoesToThePoisonQueueAtOnce()
    {
        await using var services = FunctionTestHost.Services(azurite.ConnectionString);
        var queues = services.GetRequiredService<IMessageQueues>();
        var poison = queues.Get(QueueNames.Matches + "-poison");
        var before = await poison.CountAsync(default);

        await Create<StoreMatch>(services).Run("""{"v":9,"itemId":"x"}""", default);

        Assert.Equal(before + 1, await poison.CountAsync(default));
    }

    internal static T Create<T>(IServiceProvider services) => ActivatorUtilities.CreateInstance<T>(services);

    /// <summary>Delivers each message as the Functions host would (decoded text), then deletes it.</summary>
    internal static async Task<int> DrainAsync(IMessageQueues queues, string name, Func<string, Task> handle)
    {
        var queue = queues.Get(name);
        var handled = 0;
        while (await queue.ReceiveAsync(16, TimeSpan.FromMinutes(1), default) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                await handle(message.Body);
                await queue.CompleteAsync(message, default);
                handled++;
            }
        }

        return handled;
    }
}
