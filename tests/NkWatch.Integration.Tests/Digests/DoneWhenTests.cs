using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using NkWatch.Core.Messaging;
using NkWatch.Core.Subscriptions;
using NkWatch.Functions.Triggers;
using NkWatch.Integration.Tests.Functions;
using NkWatch.Integration.Tests.Infrastructure;

namespace NkWatch.Integration.Tests.Digests;

/// <summary>
/// The "done when", through the function app's five triggers over Azurite and a
/// SendGrid-compatible server: two instant subscribers, three feeds carrying one story under
/// different URLs and headlines, two runs, and SendGrid answering 429 and 500 on the way.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DoneWhenTests(AzuriteFixture azurite) : IDisposable
{
    private const string Headline = "EU and Japan table draft resolution seeking ICC referral of North Korea";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task EachSubscriberGetsTheStoryOnceWithItsOtherOutletsInExactlyOneDigestOverTwoRuns()
    {
        await using var feeds = await LocalHttpServer.StartAsync(app =>
        {
            foreach (var name in new[] { "un-news", "wire", "yonhap" })
            {
                app.MapGet($"/{name}.xml", () => Results.File(Path.Combine(AppContext.BaseDirectory, "Fixtures", "digests", name + ".xml"), "application/rss+xml"));
            }
        });
        await using var sendGrid = await SendGridServer.StartAsync();
        await using var services = FunctionTestHost.Services(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Feeds:Source"] = WriteCatalog(feeds),
            ["Digests:VisibilityMarginSeconds"] = "0",
            ["SendGrid:ApiKey"] = SendGridServer.ApiKey,
            ["SendGrid:BaseUrl"] = sendGrid.BaseUrl,
            ["SendGrid:MaxAttempts"] = "2",
            ["SendGrid:RetryBaseDelayMilliseconds"] = "5",
            ["App:OperatorAddress"] = "NkWatch, 1 Rue de Genève, 1201 Geneva",
        }, replace: s => s.AddSingleton(azurite.IsolatedAccount()));
        var directory = services.GetRequiredService<SubscriberDirectory>();
        var desk = await directory.AddConfirmedAsync($"desk-{Guid.NewGuid():N}@example.org", Frequency.Instant, [], default);
        var analyst = await directory.AddConfirmedAsync($"analyst-{Guid.NewGuid():N}@example.org", Frequency.Instant, ["accountability"], default);

        // The first send meets a 429 then a 500 and is deferred to the queue; its retry meets a 500 and then goes through.
        sendGrid.FailNext(new SendGridFailure.TooManyRequests(1), new SendGridFailure.ServerError(500), new SendGridFailure.ServerError(503));
        await RunOnceAsync(services);
        await RunOnceAsync(services);

        Assert.Contains(sendGrid.Requests, r => r.Status == 429);
        Assert.Contains(sendGrid.Requests, r => r.Status >= 500);
        foreach (var subscriber in new[] { desk, analyst })
        {
            var (personalization, request) = Assert.Single(sendGrid.Delivered, d => (string)d.Personalization["to"]![0]!["email"]! == subscriber.Email);
            var text = (string)request["content"]![0]!["value"]!;
            var html = (string)request["content"]![1]!["value"]!;
            Assert.Equal("text/plain", (string)request["content"]![0]!["type"]!);
            Assert.StartsWith("1 new: " + Headline, (string)request["subject"]!, StringComparison.Ordinal);

            // The story once, its headline once, the other two outlets named.
            Assert.Equal(1, Occurrences(text, Headline));
            var document = new HtmlParser().ParseDocument(html);
            Assert.Single(document.QuerySelectorAll("a"), a => a.TextContent == Headline);
            Assert.Contains("Also reported by Example Wire <https://wire.example.org/2026/11/27/eu-japan-draft-icc>, Yonhap <https://en.yna.example.org/view/AEN20261127000300315>", text, StringComparison.Ordinal);
            Assert.Contains("UN source", text, StringComparison.Ordinal);

            // One-click unsubscribe, for this recipient only.
            var headers = personalization["headers"]!;
            Assert.Matches("^<https://nkwatch.example.org/api/subscriptions/unsubscribe\\?token=[A-Za-z0-9_.-]+>$", (string)headers["List-Unsubscribe"]!);
            Assert.Equal("List-Unsubscribe=One-Click", (string)headers["List-Unsubscribe-Post"]!);
            Assert.Equal(subscriber.Id, (string)personalization["custom_args"]!["subscriber_id"]!);

            // Nothing active from the feeds.
            Assert.Empty(document.QuerySelectorAll("script, style, iframe, object, embed, form, img"));
            Assert.DoesNotContain(document.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
            var substitutions = personalization["substitutions"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
            Assert.All(document.QuerySelectorAll("a"), a => Assert.StartsWith("https://", substitutions.GetValueOrDefault(a.GetAttribute("href")!, a.GetAttribute("href")!), StringComparison.Ordinal));
            Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        }
    }

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    private string WriteCatalog(LocalHttpServer feeds)
    {
        var path = temp.Combine("feeds.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            feeds = new object[]
            {
                new { id = "un-news", name = "UN News", url = feeds.At("/un-news.xml").ToString(), language = "en", organisation = "un", weight = 1.5 },
                new { id = "wire", name = "Example Wire", url = feeds.At("/wire.xml").ToString(), language = "en", organisation = "news" },
                new { id = "yonhap", name = "Yonhap", url = feeds.At("/yonhap.xml").ToString(), language = "en", organisation = "news" },
            },
        }));
        return path;
    }

    /// <summary>One pass as the Functions host runs it: timers, then each queue until empty; a failed message comes back after its visibility timeout.</summary>
    private static async Task RunOnceAsync(ServiceProvider services)
    {
        var queues = services.GetRequiredService<IMessageQueues>();
        var timer = new TimerInfo();
        await ActivatorUtilities.CreateInstance<SchedulePolls>(services).Run(timer, default);
        await DrainAsync(queues, QueueNames.FeedPoll, body => ActivatorUtilities.CreateInstance<PollFeed>(services).Run(body, default));
        await DrainAsync(queues, QueueNames.Matches, body => ActivatorUtilities.CreateInstance<StoreMatch>(services).Run(body, default));
        await ActivatorUtilities.CreateInstance<ScheduleDigests>(services).Run(timer, default);
        await DrainAsync(queues, QueueNames.Digests, body => ActivatorUtilities.CreateInstance<SendDigest>(services).Run(body, default));
    }

    private static async Task DrainAsync(IMessageQueues queues, string name, Func<string, Task> handle)
    {
        var queue = queues.Get(name);
        for (var round = 0; round < 50 && await queue.CountAsync(default) > 0; round++)
        {
            foreach (var message in await queue.ReceiveAsync(16, TimeSpan.FromSeconds(1), default))
            {
                try
                {
                    await handle(message.Body);
                    await queue.CompleteAsync(message, default);
                }
                catch (NkWatch.Core.Pipeline.DeliveryDeferredException)
                {
                    // Left on the queue: visible again in a second, as the host's retry would make it.
                }
            }

            await Task.Delay(200);
        }
    }
}
