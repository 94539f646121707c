using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NkWatch.Core.Email;
using NkWatch.Core.Messaging;
using NkWatch.Core.Pipeline;
using NkWatch.Core.Storage;
using NkWatch.Core.Subscriptions;
using NkWatch.Email;
using NkWatch.Storage.Sqlite;

namespace NkWatch.Integration.Tests.Digests;

/// <summary>
/// One digest per subscriber and period, never two, none lost: reruns, retried and duplicated
/// queue messages, crashes at each step, SendGrid asking to try later, and the one window no
/// sender can close.
/// </summary>
public sealed class ExactlyOnceTests : IAsyncLifetime
{
    internal const string IccTitle = "EU and Japan table draft resolution seeking ICC referral of North Korea";
    internal const string IccLead = "The European Union and Japan tabled a draft resolution urging the Security Council to refer North Korea to the International Criminal Court over crimes against humanity.";
    internal const string CampTitle = "Satellite images show expansion of North Korean prison camp";
    internal const string CampLead = "New imagery shows the political prison camp at Hwasong has grown, with torture reported by former inmates.";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero));
    private SendGridServer server = null!;

    public async Task InitializeAsync() => server = await SendGridServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task ARerunAndARedeliveredMessageSendNothingTwice()
    {
        using var host = new DigestTestHost(clock, server);
        var subscriber = await host.SubscribeAsync("analyst@example.org", Frequency.Instant);
        await host.StoreAsync("icc", DigestTestHost.WireFeed, IccTitle, IccLead);
        clock.Advance(TimeSpan.FromMinutes(1));

        var first = Assert.Single(await host.RunDigestsAsync());
        var rerun = await host.RunDigestsAsync();
        var redelivered = await host.Get<DigestSender>().SendAsync(new DigestMessage(subscriber.Id, first.Period, "instant"), default);

        Assert.Equal(DigestOutcome.Sent, first.Outcome);
        Assert.Empty(rerun);
        Assert.Equal(DigestOutcome.AlreadySent, redelivered.Outcome);
        Assert.Single(server.Accepted);
    }

    [Fact]
    public async Task TwoWorkersGivenTheSameMessageSendItOnce()
    {
        using var host = new DigestTestHost(clock, server);
        var subscriber = await host.SubscribeAsync("analyst@example.org", Frequency.Instant);
        await host.StoreAsync("icc", DigestTestHost.WireFeed, IccTitle, IccLead);
        var message = new DigestMessage(subscriber.Id, "instant-test", "instant");

        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => host.Get<DigestSender>().SendAsync(message, default))));

        Assert.Single(reports, r => r.Outcome == DigestOutcome.Sent);
        Assert.All(reports, r => Assert.Contains(r.Outcome, new[] { DigestOutcome.Sent, DigestOutcome.Busy, DigestOutcome.AlreadySent }));
        Assert.Single(server.Accepted);
    }

    [Fact]
    public async Task ADeferredDigestIsRetriedWithTheSameIdAndContentAndLaterMatchesFollow()
    {
        using var host = new DigestTestHost(clock, server, settings: new Dictionary<string, string?> { ["SendGrid:MaxAttempts"] = "2" });
        var subscriber = await host.SubscribeAsync("analyst@example.org", Frequency.Instant);
        await host.StoreAsync("icc", DigestTestHost.WireFeed, IccTitle, IccLead);
        clock.Advance(TimeSpan.FromMinutes(1));
        await host.Get<DigestScheduler>().ScheduleAsync(default);
        var message = await TakeDigestMessageAsync(host);
        server.FailNext(new SendGridFailure.TooManyRequests(0), new SendGridFailure.ServerError(500));

        await Assert.ThrowsAsync<DeliveryDeferredException>(() => host.DriveAsync(host.Get<DigestSender>().SendAsync(message, default)));

        // A later match: stored after the end of the deferred digest's window.
        clock.Advance(TimeSpan.FromMinutes(1));
        await host.StoreAsync("camp", DigestTestHost.UnFeed, CampTitle, CampLead);
        clock.Advance(TimeSpan.FromMinutes(1));
        var retried = await host.Get<DigestSender>().SendAsync(message, default);
        var next = Assert.Single(await host.RunDigestsAsync());

        Assert.Equal(DigestOutcome.Sent, retried.Outcome);
        Assert.Equal(DigestOutcome.Sent, next.Outcome);
        Assert.Equal([429, 500, 202, 202], server.Requests.Select(r => r.Status));
        var ids = server.Requests.Select(r => (string)r.Personalizations[0]!["custom_args"]!["digest_id"]!).ToList();
        Assert.Equal(ids[0], ids[2]);
        Assert.NotEqual(ids[2], ids[3]);
        Assert.Contains(IccTitle, Html(server.Accepted[0]), StringComparison.Ordinal);
        Assert.DoesNotContain(CampTitle, Html(server.Accepted[0]), StringComparison.Ordinal);
        Assert.Contains(CampTitle, Html(server.Accepted[1]), StringComparison.Ordinal);
        Assert.DoesNotContain(IccTitle, Html(server.Accepted[1]), StringComparison.Ordinal);
        Assert.Equal(subscriber.Id, (string)server.Accepted[1].Personalizations[0]!["custom_args"]!["subscriber_id"]!);
    }

    [Fact]
    public async Task ACrashAfterRenderingIsResumedAfterTheLeaseWithTheSameDigest()
    {
        DyingEmailSender? dying = null;
        using var host = new DigestTestHost(clock, server, replace: services => services.AddTransient<IEmailSender>(sp =>
            dying ??= new DyingEmailSender(sp.GetRequiredService<SendGridEmailSender>(), afterAccepted: false)));
        var subscriber = await host.SubscribeAsync("analyst@example.org", Frequency.Instant);
        await host.StoreAsync("icc", DigestTestHost.WireFeed, IccTitle, IccLead);
        var message = new DigestMessage(subscriber.Id, "instant-crash", "instant");

        await Assert.ThrowsAsync<ProcessDiedException>(() => host.Get<DigestSender>().SendAsync(message, default));
        var tooSoon = await host.Get<DigestSender>().SendAsync(message, default);
        clock.Advance(TimeSpan.FromMinutes(11));
        var resumed = await host.Get<DigestSender>().SendAsync(message, default);

        Assert.Equal(DigestOutcome.Busy, tooSoon.Outcome);
        Assert.Equal(DigestOutcome.Sent, resumed.Outcome);
        Assert.Single(server.Accepted);
        var record = await host.Get<IDigestLog>().GetAsync(subscriber.Id, message.Period, default);
        Assert.Equal(2, record!.Attempts);
        Assert.Equal(DigestSender.DigestIdOf(subscriber.Id, message.Period), (string)server.Accepted[0].Personalizations[0]!["custom_args"]!["digest_id"]!);
    }

    [Fact]
    public async Task ACrashBetweenTheRecordAndTheWatermarkNeitherResendsNorRepeatsStories()
    {
        using var host = new DigestTestHost(clock, server, replace: services => services.AddSingleton<IDigestLog>(sp => new DyingDigestLog(new SqliteDigestLog(sp.GetRequiredService<SqliteDatabase>()))));
        var subscriber = await host.SubscribeAsync("analyst@example.org", Frequency.Instant);
        await host.StoreAsync("icc", DigestTestHost.WireFeed, IccTitle, IccLead);
        var message = new DigestMessage(subscriber.Id, "instant-1", "instant");

        await Assert.ThrowsAsync<ProcessDiedException>(() => host.Get<DigestSender>().SendAsync(message, default));
        var retried = await host.Get<DigestSender>().SendAsync(message, default);
        clock.Advance(TimeSpan.FromMinutes(1));
        await host.StoreAsync("camp", DigestTestHost.UnFeed, CampTitle, CampLead);
        clock.Advance(TimeSpan.FromMinutes(1));
        var next = Assert.Single(await host.RunDigestsAsync());

        Assert.Equal(DigestOutcome.AlreadySent, retried.Outcome);
        Assert.Equal(DigestOutcome.Sent, next.Outcome);
        Assert.Equal(2, server.Accepted.Count);
        Assert.DoesNotContain(IccTitle, Html(server.Accepted[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendGridAcceptingJustBeforeTheProcessDiesIsTheOneWindowAndResendsTheSameDigestId()
    {
        DyingEmailSender? dying = null;
        using var host = new DigestTestHost(clock, server, replace: services => services.AddTransient<IEmailSender>(sp =>
            dying ??= new DyingEmailSender(sp.GetRequiredService<SendGridEmailSender>(), afterAccepted: true)));
        var subscriber = await host.SubscribeAsync("analyst@example.org", Frequency.Instant);
        await host.StoreAsync("icc", DigestTestHost.WireFeed, IccTitle, IccLead);
        var message = new DigestMessage(subscriber.Id, "instant-window", "instant");

        await Assert.ThrowsAsync<ProcessDiedException>(() => host.Get<DigestSender>().SendAsync(message, default));
        clock.Advance(TimeSpan.FromMinutes(11));
        await host.Get<DigestSender>().SendAsync(message, default);

        // Documented in docs/digests.md: the duplicate carries the same digest id, so it can be recognised.
        Assert.Equal(2, server.Accepted.Count);
        Assert.Single(server.Accepted.Select(r => (string)r.Personalizations[0]!["custom_args"]!["digest_id"]!).Distinct());
    }

    [Fact]
    public async Task ARejectedDigestIsRecordedAndItsStoriesGoOutWithTheNextOne()
    {
        using var host = new DigestTestHost(clock, server);
        var subscriber = await host.SubscribeAsync("analyst@example.org", Frequency.Instant);
        await host.StoreAsync("icc", DigestTestHost.WireFeed, IccTitle, IccLead);
        clock.Advance(TimeSpan.FromMinutes(1));
        server.Refuse("analyst@example.org");

        var rejected = Assert.Single(await host.RunDigestsAsync());
        server.Accept("analyst@example.org");
        await host.StoreAsync("camp", DigestTestHost.UnFeed, CampTitle, CampLead);
        clock.Advance(TimeSpan.FromMinutes(1));
        var next = Assert.Single(await host.RunDigestsAsync());

        Assert.Equal(DigestOutcome.Rejected, rejected.Outcome);
        var record = await host.Get<IDigestLog>().GetAsync(subscriber.Id, rejected.Period, default);
        Assert.Equal(DigestOutcome.Rejected, record!.Outcome);
        Assert.Contains("SendGrid answered 400", record.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("analyst@example.org", record.Detail, StringComparison.Ordinal);
        Assert.Equal(DigestOutcome.Sent, next.Outcome);
        var html = Html(Assert.Single(server.Accepted));
        Assert.Contains(IccTitle, html, StringComparison.Ordinal);
        Assert.Contains(CampTitle, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdenticalDigestsShareOneRequestWithEachRecipientsOwnLinks()
    {
        using var host = new DigestTestHost(clock, server);
        var same = new List<Subscriber>();
        for (var i = 0; i < 3; i++)
        {
            same.Add(await host.SubscribeAsync($"desk{i}@example.org", Frequency.Instant));
        }

        var other = await host.SubscribeAsync("camps@example.org", Frequency.Instant, ["detention"]);
        await host.StoreAsync("icc", DigestTestHost.WireFeed, IccTitle, IccLead);
        await host.StoreAsync("camp", DigestTestHost.UnFeed, CampTitle, CampLead);
        clock.Advance(TimeSpan.FromMinutes(1));
        var messages = same.Append(other).Select(s => new DigestMessage(s.Id, "instant-batch", "instant")).ToList();

        var reports = await host.Get<DigestSender>().SendBatchAsync(messages, default);

        Assert.All(reports, r => Assert.Equal(DigestOutcome.Sent, r.Outcome));
        Assert.Equal([1, 3], server.Accepted.Select(r => r.Personalizations.Count).Order());
        var links = host.Get<LinkBuilder>();
        foreach (var subscriber in same.Append(other))
        {
            var (personalization, request) = Assert.Single(server.Delivered, d => (string)d.Personalization["to"]![0]!["email"]! == subscriber.Email);
            Assert.Equal(links.Unsubscribe(subscriber.Id), (string)personalization["substitutions"]!["%%NKW_UNSUBSCRIBE%%"]!);
            Assert.Equal($"<{links.Unsubscribe(subscriber.Id)}>", (string)personalization["headers"]!["List-Unsubscribe"]!);
            Assert.Contains("%%NKW_UNSUBSCRIBE%%", (string)request["content"]![1]!["value"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NothingWantedMeansNoEmailAndTheWatermarkMovesOn()
    {
        using var host = new DigestTestHost(clock, server);
        var subscriber = await host.SubscribeAsync("abductions@example.org", Frequency.Daily, ["abductions"], s => s with { DeliveryHour = 6 });
        await host.StoreAsync("camp", DigestTestHost.UnFeed, CampTitle, CampLead);
        clock.Advance(TimeSpan.FromMinutes(1));

        var report = Assert.Single(await host.RunDigestsAsync());

        Assert.Equal(DigestOutcome.Empty, report.Outcome);
        Assert.Empty(server.Requests);
        Assert.Equal(clock.GetUtcNow(), (await host.Get<IDigestLog>().GetCursorAsync(subscriber.Id, default))!.Watermark);
        Assert.Empty(await host.RunDigestsAsync());
    }

    [Fact]
    public async Task OnlyTheChosenLanguagesAreSent()
    {
        using var host = new DigestTestHost(clock, server);
        await host.SubscribeAsync("seoul@example.org", Frequency.Instant, change: s => s with { Languages = ["ko"] });
        await host.StoreAsync("camp", DigestTestHost.UnFeed, CampTitle, CampLead);
        await host.StoreAsync("ko", DigestTestHost.KoreanFeed, "탈북민 2명 중국서 강제북송", "중국 선양에 구금됐던 탈북민 2명이 강제북송됐다.");
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Single(await host.RunDigestsAsync());

        var html = Html(Assert.Single(server.Accepted));
        Assert.Contains("강제북송", html, StringComparison.Ordinal);
        Assert.DoesNotContain(CampTitle, html, StringComparison.Ordinal);
    }

    private static string Html(SendGridRequest request) => (string)request.Body!["content"]![1]!["value"]!;

    private static async Task<DigestMessage> TakeDigestMessageAsync(DigestTestHost host)
    {
        var queue = host.Get<IMessageQueues>().Get(QueueNames.Digests);
        var received = Assert.Single(await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1), default));
        await queue.CompleteAsync(received, default);
        return MessageCodec.Decode<DigestMessage>(received.Body);
    }
}
