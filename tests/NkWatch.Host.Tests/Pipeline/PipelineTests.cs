using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using NkWatch.Core.Messaging;
using NkWatch.Host.Tests.Host;
using NkWatch.Host.Tests.Rpc;
using Xunit.Abstractions;

namespace NkWatch.Host.Tests.Pipeline;

/// <summary>
/// The issue's "done when" through the real, published worker: a reader signs up over HTTP,
/// then the five triggers run as the host fires them (timers, then each queue until empty) over
/// Azurite, three loopback feeds and a SendGrid-compatible server.
/// </summary>
[Collection(HostCollection.Name)]
public sealed partial class PipelineTests(HostFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task ThreeFeedsReachOneInstantSubscriberAsOneEmailWithTheSharedStoryOnce()
    {
        await fixture.ResetStorageAsync();
        await using var feeds = await FixtureFeeds.StartAsync();
        await using var sendGrid = await SendGridServer.StartAsync();
        await using var host = await FunctionsHost.StartAsync(fixture.App, new HostLog(output), AppSettings.WithFeedsAndSendGrid(fixture.StorageConnection, work, feeds.WriteCatalog(work), sendGrid));
        var queues = new QueueListener(host, fixture.StorageConnection, retryDelay: TimeSpan.Zero);

        var reader = await SubscribeAndConfirmAsync(host, sendGrid);
        await PipelineSteps.PollAndStoreAsync(host, queues);
        PipelineSteps.Succeeded(await host.RunTimerAsync("ScheduleDigests"));
        var digests = await queues.DrainAsync(QueueNames.Digests);

        Assert.Equal(new QueueDrain(1, 0, 0), digests);
        var digest = Assert.Single(sendGrid.Accepted.Skip(1));
        var personalization = Assert.Single(digest.Personalizations);
        Assert.Equal(reader, (string)personalization!["to"]![0]!["email"]!);
        var text = (string)digest.Body!["content"]![0]!["value"]!;
        Assert.Equal(1, Occurrences(text, FixtureFeeds.SharedHeadline));
        Assert.Contains("Also reported by Yonhap", text, StringComparison.Ordinal);
        Assert.All(FixtureFeeds.OffTopic, headline => Assert.DoesNotContain(headline, text, StringComparison.Ordinal));
        output.WriteLine(host.ColdStartSummary());
    }

    /// <summary>
    /// SendGrid failing every time makes SendDigest throw on each attempt; the host's queue
    /// listener gives up after host.json's maxDequeueCount and moves the message to digests-poison.
    /// </summary>
    [Fact]
    public async Task AMessageThatAlwaysFailsEndsInThePoisonQueueAfterTheConfiguredDequeueCount()
    {
        await fixture.ResetStorageAsync();
        await using var feeds = await FixtureFeeds.StartAsync();
        await using var sendGrid = await SendGridServer.StartAsync();
        var settings = AppSettings.WithFeedsAndSendGrid(fixture.StorageConnection, work, feeds.WriteCatalog(work), sendGrid);
        settings["SendGrid__MaxAttempts"] = "1";
        await using var host = await FunctionsHost.StartAsync(fixture.App, new HostLog(output), settings);
        var queues = new QueueListener(host, fixture.StorageConnection, retryDelay: TimeSpan.Zero);
        var maxDequeueCount = fixture.App.HostSettings.MaxDequeueCount;

        await SubscribeAndConfirmAsync(host, sendGrid);
        await PipelineSteps.PollAndStoreAsync(host, queues);
        PipelineSteps.Succeeded(await host.RunTimerAsync("ScheduleDigests"));
        var queued = (await queues.Queue(QueueNames.Digests).PeekMessageAsync()).Value.MessageText;
        sendGrid.FailNext([.. Enumerable.Repeat<SendGridFailure>(new SendGridFailure.ServerError(503), maxDequeueCount + 1)]);
        var digests = await queues.DrainAsync(QueueNames.Digests);

        Assert.Equal(new QueueDrain(0, maxDequeueCount, 1), digests);
        Assert.Equal(maxDequeueCount, sendGrid.Requests.Count(r => r.Status == 503));
        var poisoned = Assert.Single((await queues.Queue(QueueNames.Digests + QueueListener.PoisonSuffix).ReceiveMessagesAsync(32)).Value);
        Assert.Equal(queued, poisoned.MessageText);
        Assert.Empty((await queues.Queue(QueueNames.Digests).PeekMessagesAsync(32)).Value);
    }

    /// <summary>GET /api/subscribe, POST /api/subscriptions, then the link in the confirmation email, all through the worker's HTTP listener.</summary>
    private static async Task<string> SubscribeAndConfirmAsync(FunctionsHost host, SendGridServer sendGrid)
    {
        var email = $"desk-{Guid.NewGuid():N}@example.org";
        using var page = await host.GetAsync("/api/subscribe");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/subscriptions", UriKind.Relative))
        {
            Content = JsonContent.Create(new { email, frequency = "instant", timezone = "Europe/Zurich" }),
        };
        using var signup = await host.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, signup.StatusCode);

        // The confirmation is composed and sent after the answer, the same way for every address.
        await sendGrid.WaitForRequestsAsync(1);
        var confirmation = Assert.Single(sendGrid.Accepted);
        Assert.Equal(email, (string)confirmation.Personalizations[0]!["to"]![0]!["email"]!);
        var link = ConfirmLink().Match((string)confirmation.Body!["content"]![0]!["value"]!);
        Assert.True(link.Success, "the confirmation email has no confirmation link");
        // The link opens a page with one button (mail scanners follow links); its POST confirms.
        using var confirmPage = await host.GetAsync(link.Groups["path"].Value);
        Assert.Equal(HttpStatusCode.OK, confirmPage.StatusCode);
        using var confirm = new HttpRequestMessage(HttpMethod.Post, new Uri(link.Groups["path"].Value, UriKind.Relative)) { Content = new FormUrlEncodedContent([]) };
        using var confirmed = await host.SendAsync(confirm);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("You are subscribed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return email;
    }

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    [GeneratedRegex(@"https://nkwatch\.example\.org(?<path>/api/subscriptions/confirm\?token=[A-Za-z0-9_.\-]+)")]
    private static partial Regex ConfirmLink();
}
